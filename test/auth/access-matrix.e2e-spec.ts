import request from 'supertest';
import { ApiKeys } from '../../src/auth/api-keys/api-keys.service';
import type { Role } from '../../src/auth/roles';
import { EventStore, ProjectionRunner } from '../../src/event-sourcing';
import { describeOn, storeBackends } from '../support/store-backends';
import { startTestAppOn, TestApp } from '../support/test-app';
import { signToken, TEST_JWT_SECRET } from '../support/tokens';
import { waitUntil } from '../support/wait-until';

type Need = Role | 'public';
interface Route {
  method: 'get' | 'post';
  path: (id: string) => string;
  need: Need;
  ok: number;
  body?: object;
}

// Every route of the service with the role it needs and its success status.
const ROUTES: Route[] = [
  { method: 'post', path: () => '/counters', need: 'write', ok: 201, body: { name: 'matrix' } },
  { method: 'post', path: (id) => `/counters/${id}/increment`, need: 'write', ok: 200, body: { by: 2 } },
  { method: 'post', path: (id) => `/counters/${id}/decrement`, need: 'write', ok: 200, body: { by: 1 } },
  { method: 'post', path: (id) => `/counters/${id}/reset`, need: 'write', ok: 200, body: {} },
  { method: 'get', path: () => '/counters', need: 'read', ok: 200 },
  { method: 'get', path: (id) => `/counters/${id}`, need: 'read', ok: 200 },
  { method: 'get', path: (id) => `/counters/${id}/events`, need: 'read', ok: 200 },
  { method: 'get', path: (id) => `/counters/${id}/state?version=1`, need: 'read', ok: 200 },
  { method: 'get', path: () => '/events', need: 'read', ok: 200 },
  { method: 'get', path: () => '/projections', need: 'read', ok: 200 },
  { method: 'post', path: () => '/projections/counter_views/rebuild', need: 'admin', ok: 202 },
  // Past the guard, these answer what they answer on a healthy projection: nothing to park (409), nothing parked (404).
  { method: 'post', path: () => '/projections/counter_views/park', need: 'admin', ok: 409, body: {} },
  { method: 'get', path: () => '/projections/counter_views/parked', need: 'read', ok: 200 },
  { method: 'post', path: () => '/projections/counter_views/parked/1/retry', need: 'admin', ok: 404 },
  { method: 'get', path: () => '/health', need: 'public', ok: 200 },
  { method: 'get', path: () => '/health/live', need: 'public', ok: 200 },
  { method: 'get', path: () => '/docs', need: 'public', ok: 200 },
  { method: 'get', path: () => '/docs-json', need: 'public', ok: 200 },
];

interface Credential {
  name: string;
  headers: () => Promise<Record<string, string>>;
  /** The roles it carries; null: not a valid credential (401). */
  roles: Role[] | null;
}

const RANK: Record<Role, number> = { read: 1, write: 2, admin: 3 };

function expectedStatus(route: Route, credential: Credential): number {
  if (route.need === 'public') return route.ok;
  if (credential.roles === null) return 401;
  return credential.roles.some((role) => RANK[role] >= RANK[route.need as Role]) ? route.ok : 403;
}

storeBackends.forEach((backend) =>
  describeOn(backend, 'The access matrix (every route × every kind of credential)', () => {
    let t: TestApp;
    const keys: Record<string, string> = {};
    const bearer = (options: Parameters<typeof signToken>[1], secret = TEST_JWT_SECRET) => async () => ({
      Authorization: `Bearer ${await signToken(secret, options)}`,
    });
    const apiKey = (name: string) => async () => ({ 'X-Api-Key': keys[name] });

    const CREDENTIALS: Credential[] = [
      { name: 'no credentials', headers: async () => ({}), roles: null },
      { name: 'a malformed token', headers: async () => ({ Authorization: 'Bearer not.a.jwt' }), roles: null },
      { name: 'a token signed with another secret', headers: bearer({ sub: 'mallory', roles: ['admin'] }, 'x'.repeat(40)), roles: null },
      { name: 'an expired token', headers: bearer({ sub: 'alice', roles: ['admin'], expiresIn: -3600 }), roles: null },
      { name: 'a token without roles', headers: bearer({ sub: 'nobody' }), roles: [] },
      { name: 'a read token', headers: bearer({ sub: 'reader', roles: ['read'] }), roles: ['read'] },
      { name: 'a write token', headers: bearer({ sub: 'writer', roles: ['write'] }), roles: ['write'] },
      { name: 'an admin token', headers: bearer({ sub: 'root', roles: ['admin'] }), roles: ['admin'] },
      { name: 'a read API key', headers: apiKey('reader'), roles: ['read'] },
      { name: 'a write API key', headers: apiKey('writer'), roles: ['write'] },
      { name: 'an admin API key', headers: apiKey('admin'), roles: ['admin'] },
      { name: 'a revoked API key', headers: apiKey('revoked'), roles: null },
      { name: 'an unknown API key', headers: async () => ({ 'X-Api-Key': `chr_${'A'.repeat(43)}` }), roles: null },
    ];

    let counterId: string;

    beforeAll(async () => {
      t = await startTestAppOn(backend, { AUTH_JWT_SECRET: TEST_JWT_SECRET });
      const apiKeys = t.app.get(ApiKeys);
      for (const [name, roles] of [['reader', ['read']], ['writer', ['write']], ['admin', ['admin']], ['revoked', ['admin']]] as const) {
        keys[name] = await apiKeys.create(name, [...roles]);
      }
      await apiKeys.revoke('revoked');
      const created = await request(t.server).post('/counters').set('X-Api-Key', keys.admin).send({ name: 'target' }).expect(201);
      counterId = created.body.id;
      await request(t.server).get(`/counters/${counterId}?minPosition=${created.body.position}`).set('X-Api-Key', keys.admin).expect(200);
    });
    afterAll(() => t.close());

    const cases = ROUTES.flatMap((route) => CREDENTIALS.map((credential) => [route, credential, expectedStatus(route, credential)] as const));

    it.each(cases.map(([route, credential, status]) => [`${route.method.toUpperCase()} ${route.path(':id')}`, credential.name, status, route, credential] as const))(
      '%s with %s answers %i',
      async (_route, _credential, status, route, credential) => {
        const store = t.app.get(EventStore);
        const headBefore = await store.headPosition();
        let call = request(t.server)[route.method](route.path(counterId)).set(await credential.headers());
        if (route.body) call = call.send(route.body);
        const response = await call;
        expect(response.status).toBe(status);
        if (status === 401 || status === 403) {
          expect(response.body).toEqual({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message: expect.any(String) });
          if (status === 401) expect(response.headers['www-authenticate']).toBe('Bearer');
          expect(await store.headPosition()).toBe(headBefore); // nothing recorded
          expect(t.app.get(ProjectionRunner).progress('counter_views').status).not.toBe('rebuilding');
        }
        if (route.ok === 202 && status === 202) {
          await waitUntil(async () => t.app.get(ProjectionRunner).progress('counter_views').status === 'running', 'the rebuild to end');
        }
      },
    );
  }),
);
