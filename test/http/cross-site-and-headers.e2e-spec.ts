import request from 'supertest';
import { EventStore } from '../../src/event-sourcing';
import { startTestApp, TestApp } from '../support/test-app';

describe('Cross-site requests and security headers', () => {
  let t: TestApp;
  let counterId: string;
  const http = () => request(t.server);

  beforeAll(async () => {
    t = await startTestApp();
    counterId = (await http().post('/counters').send({ name: 'csrf' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  describe('a command whose body is not JSON', () => {
    it.each([
      ['text/plain', 'text/plain', '{"by":5}'],
      ['text/plain;charset=UTF-8', 'text/plain;charset=UTF-8', '{"by":5}'],
      ['a form', 'application/x-www-form-urlencoded', 'by=5'],
      ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="by"\r\n\r\n5\r\n--x--\r\n'],
    ])('is refused with 415 when sent as %s, and records nothing', async (_name, type, body) => {
      const head = await t.app.get(EventStore).headPosition();
      const response = await http().post(`/counters/${counterId}/increment`).set('Content-Type', type).send(body).expect(415);
      expect(response.body).toEqual({ statusCode: 415, error: 'Unsupported Media Type', message: expect.stringMatching(/application\/json/) });
      expect(await t.app.get(EventStore).headPosition()).toBe(head);
    });

    it('is refused with 415 when a body comes without Content-Type', async () => {
      const head = await t.app.get(EventStore).headPosition();
      await http().post('/counters').set('Content-Length', '2').unset('Content-Type').send(Buffer.from('{}')).expect(415);
      expect(await t.app.get(EventStore).headPosition()).toBe(head);
    });

    it('refuses a form body on every command route', async () => {
      for (const path of ['/counters', `/counters/${counterId}/decrement`, `/counters/${counterId}/reset`, '/projections/counter_views/rebuild']) {
        await http().post(path).type('form').send('name=x').expect(415);
      }
    });
  });

  it('accepts application/json with a charset and a command without any body', async () => {
    await http().post(`/counters/${counterId}/increment`).set('Content-Type', 'application/json; charset=utf-8').send('{"by":2}').expect(200);
    const reset = await http().post(`/counters/${counterId}/reset`).expect(200);
    expect(reset.body.value).toBe(0);
  });

  describe('security headers', () => {
    it('are sent with every answer, without X-Powered-By', async () => {
      const response = await http().get('/counters').expect(200);
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(response.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(response.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    });

    it('keep Swagger UI loadable: its page uses only same-origin scripts, which are served', async () => {
      const page = await http().get('/docs').expect(200);
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
      const html = page.text;
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script, which the CSP would block
      const assets = [...html.matchAll(/<(?:script|link rel="stylesheet")[^>]*\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
      expect(assets.filter((src) => src.endsWith('.js'))).toHaveLength(3);
      expect(assets.filter((src) => src.endsWith('.css'))).toHaveLength(1);
      for (const src of assets) {
        expect(src).not.toMatch(/^(https?:)?\/\//); // same origin, as script-src and style-src 'self' require
        const asset = await http().get(new URL(src, 'http://localhost/docs').pathname).expect(200);
        expect(asset.headers['content-type']).toMatch(src.endsWith('.js') ? /javascript/ : /css/);
      }
    });

    it('offer both credentials in the OpenAPI document (Swagger UI Authorize button), with health open', async () => {
      const document = (await http().get('/docs-json').expect(200)).body;
      expect(document.components.securitySchemes).toEqual({
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        'api-key': { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      });
      expect(document.security).toEqual([{ bearer: [] }, { 'api-key': [] }]);
      expect(document.paths['/health'].get.security).toEqual([]);
      expect(document.paths['/counters'].post.security).toBeUndefined();
    });
  });

  describe('CORS', () => {
    it('is off by default: no Access-Control-Allow-Origin for any origin', async () => {
      const response = await http().get('/counters').set('Origin', 'https://evil.example').expect(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await http().options('/counters').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('allows exactly the origins CORS_ORIGINS lists', async () => {
      const open = await startTestApp({ CORS_ORIGINS: 'https://app.example, https://admin.example' });
      try {
        const preflight = await request(open.server)
          .options('/counters')
          .set('Origin', 'https://admin.example')
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'content-type,authorization');
        expect(preflight.status).toBe(204);
        expect(preflight.headers['access-control-allow-origin']).toBe('https://admin.example');
        expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
        const other = await request(open.server).get('/counters').set('Origin', 'https://evil.example').expect(200);
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await open.close();
      }
    });
  });
});
