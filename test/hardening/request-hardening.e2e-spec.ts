import request from 'supertest';
import { describeOn, storeBackends } from '../support/store-backends';
import { startTestAppOn, TestApp } from '../support/test-app';

// Regression tests for the single requests that used to break the service (issue 11, cases 1, 3, 4, 5, 7).
storeBackends.forEach((backend) =>
  describeOn(backend, 'Requests that must not break the service', () => {
    let t: TestApp;
    const http = () => request(t.server);
    const headPosition = async () => (await http().get('/projections').expect(200)).body[0].headPosition as number;
    const postJson = (path: string, raw: string) => http().post(path).set('Content-Type', 'application/json').send(raw);

    async function createCounter(name = 'hardening') {
      return (await http().post('/counters').send({ name }).expect(201)).body as { id: string; position: number };
    }

    /** Runs `send`, expects `status`, and checks that nothing was appended meanwhile. */
    async function refused(send: () => request.Test, status: number, message?: RegExp) {
      const before = await headPosition();
      const response = await send().expect(status);
      expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String), message: message ?? expect.any(String) });
      expect(await headPosition()).toBe(before);
      return response;
    }

    beforeAll(async () => {
      t = await startTestAppOn(backend, { READ_WAIT_TIMEOUT_MS: '3000' });
    });
    afterAll(() => t.close());

    describe('text the storage cannot hold (case 1 and 5)', () => {
      it('measures names in code points: 100 of them pass and the read model holds them, 101 are refused', async () => {
        const names = ['a\uFE0F'.repeat(50), '😀'.repeat(100), 'e\u0301'.repeat(50), '\u{10FFFF}'.repeat(100)];
        for (const name of names) {
          const created = await createCounter(name);
          const read = await http().get(`/counters/${created.id}?minPosition=${created.position}`).expect(200);
          expect(read.body.name).toBe(name);
        }
        await refused(() => http().post('/counters').send({ name: 'a\uFE0F'.repeat(100) }), 400, /name .*100 characters \(Unicode code points\)/);
        await refused(() => http().post('/counters').send({ name: '😀'.repeat(101) }), 400, /name/);
        const states = (await http().get('/projections').expect(200)).body as { status: string }[];
        expect(states.every((s) => s.status === 'running')).toBe(true);
        await http().get('/health').expect(200);
      });

      it.each([
        ['a NUL character', '{"name":"a\\u0000b"}'],
        ['a lone high surrogate', '{"name":"a\\ud800b"}'],
        ['a lone low surrogate', '{"name":"\\udc00"}'],
      ])('refuses a name with %s with 400, recording nothing', async (_, raw) => {
        await refused(() => postJson('/counters', raw), 400, /name must not contain/);
      });

      it('refuses feed filters the database cannot compare with 400', async () => {
        await refused(() => http().get('/events?streamId=%00'), 400, /streamId/);
        await refused(() => http().get('/events?type=a%00'), 400, /type/);
      });
    });

    describe('bodies no route needs (cases 3 and 4)', () => {
      it('refuses a body over the 16 kb default with 413', async () => {
        const keys = Object.fromEntries(Array.from({ length: 85_000 }, (_, i) => [`k${i}`, 1]));
        await refused(() => http().post('/counters').send({ name: 'x', ...keys }), 413);
      });

      it('refuses more than 100 keys with 400 before validation', async () => {
        const keys = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 1]));
        await refused(() => http().post('/counters').send({ name: 'x', ...keys }), 400, /body has more than 100 keys/);
      });

      it('refuses a body nested more than 32 levels deep with 400, and 10,000 levels with a 4xx, never 500', async () => {
        const nested = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);
        await refused(() => postJson('/counters', nested(33)), 400, /nested more than 32 levels/);
        await refused(() => postJson('/counters', '['.repeat(10_000) + ']'.repeat(10_000)), 413);
      });

      it.each([
        ['__proto__ at the top', '{"__proto__":{"by":5}}', /__proto__/],
        ['constructor at the top', '{"by":2,"constructor":{"prototype":{}}}', /constructor/],
        ['prototype deep inside', '{"by":2,"x":{"y":[{"prototype":1}]}}', /body\.x\.y\.0\.prototype/],
      ])('refuses %s with 400 instead of running the command with its defaults', async (_, raw, message) => {
        const { id } = await createCounter();
        await refused(() => postJson(`/counters/${id}/increment`, raw), 400, message);
        expect((await http().get(`/counters/${id}/events`).expect(200)).body.items).toHaveLength(1);
      });

      it('refuses a prototype key in the query with 400', async () => {
        await refused(() => http().get('/counters?__proto__=1'), 400, /__proto__/);
      });
    });

    describe('numbers out of range (case 5)', () => {
      it.each([
        '/counters?offset=1e300',
        '/counters?offset=99999999999999999999',
        '/counters?offset=0x10',
        '/counters?limit=%205',
        '/counters?minPosition=1e300',
        '/events?after=99999999999999999999',
        '/events?limit=1e3',
        '/events/live?after=1e300',
      ])('answers GET %s with 400', async (path) => {
        await refused(() => http().get(path), 400, /must/);
      });

      it.each(['0000-01-01', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00', '1969-12-31', '2026-02-30'])('answers ?at=%s with a 4xx or 200, never 5xx', async (at) => {
        const { id } = await createCounter();
        const response = await http().get(`/counters/${id}/state?at=${encodeURIComponent(at)}`);
        expect({ at, serverError: response.status >= 500 }).toEqual({ at, serverError: false });
      });

      it('answers a version beyond the database integer with 400 and one inside it with 404', async () => {
        const { id } = await createCounter();
        await refused(() => http().get(`/counters/${id}/state?version=2147483648`), 400, /version must not be greater than 2147483647/);
        await http().get(`/counters/${id}/state?version=2147483647`).expect(404);
      });
    });

    describe('If-Match per RFC 9110 (case 7)', () => {
      async function counterAtVersion2() {
        const { id } = await createCounter();
        await http().post(`/counters/${id}/increment`).expect(200);
        return id;
      }

      it.each(['W/"2"', 'W/"2", W/"3"', '"7"', '"abc"', '""'])('answers If-Match: %s with 412 and records nothing', async (header) => {
        const id = await counterAtVersion2();
        await refused(() => http().post(`/counters/${id}/increment`).set('If-Match', header), 412);
      });

      it.each(['2', '"2', '2"', "'2'", 'W/2', '*, "2"', '"2" "3"', ','])('answers the malformed If-Match: %s with 400', async (header) => {
        const id = await counterAtVersion2();
        await refused(() => http().post(`/counters/${id}/increment`).set('If-Match', header), 400, /If-Match/);
      });

      it.each(['"2"', '*', '"1", "2"', 'W/"2", "2"', ' "3" ,, "2" '])('runs the command for If-Match: %s', async (header) => {
        const id = await counterAtVersion2();
        const response = await http().post(`/counters/${id}/increment`).set('If-Match', header).expect(200);
        expect(response.body).toMatchObject({ id, value: 2, version: 3 });
      });
    });
  }),
);
