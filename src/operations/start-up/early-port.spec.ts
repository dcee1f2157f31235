import { InvalidEnvironmentError, validateEnvironment } from '../../config/environment';
import { earlyPort } from './early-port';

describe('earlyPort', () => {
  it('opens the default port when PORT is unset', () => {
    expect(earlyPort({})).toBe(3000);
  });

  // Whatever it opens must be the port validation then settles on; anything doubtful waits for validation.
  it.each(['0', '8080', ' 4000 ', '65535', '65536', '-1', 'abc', '', '3.5', '1e3', '0x10'])('agrees with validation for PORT=%j', (value) => {
    const env = { PORT: value };
    let validated: number | undefined;
    try {
      validated = validateEnvironment(env).PORT;
    } catch (error) {
      if (!(error instanceof InvalidEnvironmentError)) throw error;
    }
    const early = earlyPort(env);
    if (early !== undefined) expect(early).toBe(validated);
    if (validated === undefined) expect(early).toBeUndefined();
  });
});
