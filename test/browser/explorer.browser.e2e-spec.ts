import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { Browser, describeInBrowser, launchBrowser } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const DOCS = join(__dirname, '..', '..', 'docs');
const HOSTILE_NAME = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

describeInBrowser('The event explorer in chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let id: string;
  const http = () => request(t.server);

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    id = (await http().post('/counters').send({ name: HOSTILE_NAME }).expect(201)).body.id;
    for (const [command, by] of [['increment', 3], ['increment', 4], ['decrement', 2]] as const) {
      await http().post(`/counters/${id}/${command}`).send({ by }).expect(200);
    }
    mkdirSync(DOCS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const detail = () => page.getByTestId('event-detail');
  const stateField = (field: string) => page.locator(`[data-testid=state] tr[data-field="${field}"]`);

  it("opens a counter's timeline at its last version, with the change highlighted", async () => {
    await page.goto(`${base}/explorer/#/streams/${id}`);
    await page.getByTestId('position-in-stream').filter({ hasText: 'version 4 of 4' }).waitFor();
    await expect(stateField('value').locator('td').first().textContent()).resolves.toBe('5');
    await expect(stateField('value').getAttribute('class')).resolves.toBe('changed');
    await expect(stateField('value').locator('td.before').textContent()).resolves.toBe('was 7');
    await expect(detail().locator('h3').textContent()).resolves.toContain('CounterDecremented');
    await expect(page.getByTestId('chart').locator('circle').count()).resolves.toBe(4);
    await page.screenshot({ path: join(DOCS, 'explorer-timeline.png'), fullPage: true });
  });

  it('steps back through the versions, each with its event data and the state after it', async () => {
    await page.getByTestId('previous').click();
    await page.getByTestId('position-in-stream').filter({ hasText: 'version 3 of 4' }).waitFor();
    await expect(stateField('value').locator('td').first().textContent()).resolves.toBe('7');
    await expect(detail().locator('pre').first().textContent()).resolves.toContain('"by": 4');
    await page.getByTestId('previous').click();
    await page.getByTestId('previous').click();
    await page.getByTestId('position-in-stream').filter({ hasText: 'version 1 of 4' }).waitFor();
    await expect(page.getByTestId('previous').isDisabled()).resolves.toBe(true);
    await expect(detail().locator('h3').textContent()).resolves.toContain('CounterCreated');
  });

  it('shows a name containing <script> as text, running nothing', async () => {
    await expect(stateField('name').locator('td').first().textContent()).resolves.toBe(HOSTILE_NAME);
    await expect(detail().locator('pre').first().textContent()).resolves.toContain('<script>window.__pwned = 1</script>');
    await expect(page.locator('#app script, #app img').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
  });

  it('adds an event of the open stream as it is recorded', async () => {
    await page.getByTestId('next').click();
    await page.getByTestId('next').click();
    await page.getByTestId('next').click();
    await page.getByTestId('position-in-stream').filter({ hasText: 'version 4 of 4' }).waitFor();
    await http().post(`/counters/${id}/increment`).send({ by: 10 }).expect(200);
    await page.getByTestId('position-in-stream').filter({ hasText: 'version 5 of 5' }).waitFor();
    await expect(stateField('value').locator('td').first().textContent()).resolves.toBe('15');
  });

  it('shows the global feed, newest first, with a live event arriving, and the projections', async () => {
    await page.goto(`${base}/explorer/`);
    await page.getByTestId('feed-status').filter({ hasText: 'live' }).waitFor();
    const head = (await http().get('/events?limit=1000').expect(200)).body.nextAfter;
    await page.getByTestId('feed').locator(`tbody tr[data-position="${head}"]`).waitFor();
    const other = (await http().post('/counters').send({ name: 'arrives live' }).expect(201)).body;
    const newest = page.getByTestId('feed').locator('tbody tr').first();
    await page.getByTestId('feed').locator(`tbody tr[data-position="${other.position}"]`).waitFor();
    await expect(newest.getAttribute('data-position')).resolves.toBe(String(other.position));
    await expect(newest.textContent()).resolves.toContain('CounterCreated');

    await page.getByTestId('projections').locator(`tr[data-projection="counter_views"][data-status="running"][data-position="${other.position}"]`).waitFor();
    await page.screenshot({ path: join(DOCS, 'explorer-feed.png'), fullPage: true });
  });

  it('filters the feed by type', async () => {
    await page.locator('input[name=type]').fill('CounterDecremented');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByTestId('feed').locator('tbody tr').first().waitFor();
    const types = await page.getByTestId('feed').locator('tbody tr .type').allTextContents();
    expect(types).toEqual(['CounterDecremented']);
  });

  it('rebuilds a projection from its button and shows it running again', async () => {
    await page.goto(`${base}/explorer/`);
    const projection = page.getByTestId('projections').locator('tr[data-projection="counter_views"]');
    const answered = page.waitForResponse((response) => response.url().endsWith('/projections/counter_views/rebuild'));
    await projection.getByRole('button', { name: 'Rebuild' }).click();
    await expect(answered.then((response) => response.status())).resolves.toBe(202);
    await page.getByTestId('projections').locator('tr[data-projection="counter_views"][data-status="running"]').waitFor();
  });

  it('reads the state of an old version of a long stream when it is selected', async () => {
    const long = (await http().post('/counters').send({ name: 'long' }).expect(201)).body.id;
    for (let i = 0; i < 210; i++) await http().post(`/counters/${long}/increment`).send({ by: 1 }).expect(200);
    await page.goto(`${base}/explorer/#/streams/${long}?version=2`);
    await page.getByTestId('position-in-stream').filter({ hasText: 'version 2 of 211' }).waitFor();
    await stateField('value').locator('td').first().filter({ hasText: /^1$/ }).waitFor();
    await expect(stateField('value').getAttribute('class')).resolves.toBe('changed');
  });
});
