import { get, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, TestApp } from '../support/test-app';
import { signToken, TEST_JWT_SECRET } from '../support/tokens';

/** Opens GET /events/live and answers the status and content type, closing the stream at once. */
function openLive(t: TestApp, headers: Record<string, string>): Promise<{ status: number; type: string | undefined; auth: string | undefined }> {
  const server = t.app.getHttpServer() as { address(): AddressInfo };
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port: server.address().port, path: '/events/live', headers }, (response: IncomingMessage) => {
      resolve({ status: response.statusCode!, type: response.headers['content-type'], auth: response.headers['www-authenticate'] as string | undefined });
      request.destroy();
    });
    request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
  });
}

describe('GET /events/live with authentication on', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_JWT_SECRET: TEST_JWT_SECRET });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it('answers 401 with WWW-Authenticate without credentials, before any event is streamed', async () => {
    expect(await openLive(t, {})).toEqual({ status: 401, type: expect.stringMatching(/json/), auth: 'Bearer' });
  });

  it('answers 403 to a token without the read role', async () => {
    const token = await signToken(TEST_JWT_SECRET, { sub: 'nobody', roles: [] });
    expect((await openLive(t, { Authorization: `Bearer ${token}` })).status).toBe(403);
  });

  it('streams to a reader', async () => {
    const token = await signToken(TEST_JWT_SECRET, { sub: 'reader', roles: ['read'] });
    expect(await openLive(t, { Authorization: `Bearer ${token}` })).toMatchObject({ status: 200, type: expect.stringMatching(/text\/event-stream/) });
  });
});
