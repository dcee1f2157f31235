import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ChildApp, spawnApp } from '../support/child-app';
import { compiled } from '../support/compiled-build';
import { tempSqliteUrl } from '../support/temp-database';

const root = join(__dirname, '..', '..');
const run = promisify(execFile);

/** `npm run keys -- <args>` as a real process: the compiled CLI, as the npm script runs it. */
async function keys(databaseUrl: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const cli = [process.execPath, [compiled('cli/keys.cli.js'), ...args]] as const;
  try {
    const { stdout, stderr } = await run(cli[0], [...cli[1]], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl } });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

describe('Starting the service', () => {
  let app: ChildApp | undefined;
  const temp = tempSqliteUrl();
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  afterAll(() => temp.cleanup());

  it('refuses to start in production without authentication, and says how to proceed', async () => {
    app = await spawnApp({ DATABASE_URL: temp.url, NODE_ENV: 'production' }, { answering: false });
    const code = app.process.exitCode ?? ((await once(app.process, 'exit')) as [number])[0];
    expect(code).toBe(1);
    expect(app.output()).toMatch(/NODE_ENV=production without authentication.*AUTH_DISABLED=true/);
  });

  it('starts open in production with AUTH_DISABLED=true, warns, and reports auth: disabled', async () => {
    app = await spawnApp({ DATABASE_URL: temp.url, NODE_ENV: 'production', AUTH_DISABLED: 'true' });
    expect(app.output()).toMatch(/Authentication is OFF/);
    expect(await (await fetch(`${app.url}/health`)).json()).toMatchObject({ status: 'ok', auth: 'disabled' });
    expect((await fetch(`${app.url}/counters`)).status).toBe(200);
  });

  it('serves API keys made with `npm run keys`, and stops accepting one as soon as it is revoked', async () => {
    const created = await keys(temp.url, 'create', '--name', 'billing', '--roles', 'write,read');
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^chr_[\w-]{43}$/);
    expect(created.stderr).toMatch(/cannot be shown again/);

    app = await spawnApp({ DATABASE_URL: temp.url, NODE_ENV: 'production', AUTH_API_KEYS: 'true' });
    expect(await (await fetch(`${app.url}/health`)).json()).toMatchObject({ auth: 'enabled' });
    expect((await fetch(`${app.url}/counters`)).status).toBe(401);
    const post = await fetch(`${app.url}/counters`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': secret },
      body: JSON.stringify({ name: 'billed' }),
    });
    expect(post.status).toBe(201);
    const { id } = (await post.json()) as { id: string };
    const trail = (await (await fetch(`${app.url}/counters/${id}/events`, { headers: { 'X-Api-Key': secret } })).json()) as {
      items: { metadata: { actor: unknown } }[];
    };
    expect(trail.items[0].metadata.actor).toEqual({ type: 'api-key', id: 'billing' });

    const listed = await keys(temp.url, 'list');
    expect(listed.stdout).toMatch(/^billing\twrite,read\tcreated \S+\tactive$/m);
    expect(listed.stdout).not.toContain(secret.slice(4));

    expect((await keys(temp.url, 'create', '--name', 'billing', '--roles', 'read')).stderr).toMatch(/exists already/);
    expect((await keys(temp.url, 'revoke', 'billing')).code).toBe(0);
    expect((await fetch(`${app.url}/counters`, { headers: { 'X-Api-Key': secret } })).status).toBe(401);
    expect((await keys(temp.url, 'list')).stdout).toMatch(/^billing\twrite,read\tcreated \S+\trevoked \S+$/m);
    expect((await keys(temp.url, 'revoke', 'nobody')).code).toBe(1);
  });
});
