import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { startTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));

/** The page as a real browser renders it, scripts run, under the headers the service sends (CSP included). */
async function renderedDom(url: string): Promise<string> {
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--virtual-time-budget=15000', '--dump-dom'];
  return (await run(CHROMIUM!, [...flags, url], { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 })).stdout;
}

if (!CHROMIUM) console.warn('Skipping the Swagger UI browser test: no Chromium here (apt-get install -y chromium)');

(CHROMIUM ? describe : describe.skip)('Swagger UI in a real browser, under the Content-Security-Policy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long' });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it('renders the operations and the Authorize button', async () => {
    const { port } = (t.app.getHttpServer() as { address(): AddressInfo }).address();
    const dom = await renderedDom(`http://127.0.0.1:${port}/docs`);
    // Only Swagger UI's scripts write these: a CSP that blocked them would leave an empty page.
    expect(dom).toMatch(/class="btn authorize/);
    expect(dom).toContain('/counters/{id}/increment');
    expect(dom).toContain('/projections/{name}/rebuild');
  }, 90_000);
});
