import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';

describe('The explorer files', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends /explorer on to /explorer/, the page, under a policy that runs only its own scripts', async () => {
    const redirect = await request(t.server).get('/explorer').expect(301);
    expect(redirect.headers.location).toBe('/explorer/');
    const page = await request(t.server).get('/explorer/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<script type="module" src="main.js"></script>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    await request(t.server).get('/explorer/timeline.js').expect(200).expect('content-type', /javascript/);
  });
});
