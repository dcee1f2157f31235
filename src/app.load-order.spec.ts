import { join } from 'node:path';
import { APP_LOAD_ORDER } from './app.load-order';

describe('APP_LOAD_ORDER', () => {
  // main.ts loads these before the app: one that no longer resolves (a package moved, a module renamed) would stop the start.
  it.each(APP_LOAD_ORDER)('%s resolves', (specifier) => {
    expect(() => require.resolve(specifier.startsWith('.') ? join(__dirname, specifier) : specifier)).not.toThrow();
  });
});
