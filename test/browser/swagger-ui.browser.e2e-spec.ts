import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { Browser, describeInBrowser, launchBrowser } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

describeInBrowser('Swagger UI in chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/docs`);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Opens an operation, presses "Try it out", lets `fill` set its inputs, executes it, and reads the answer shown. */
  async function tryOut(tag: string, operationId: string, fill: (operation: Locator) => Promise<void> = async () => undefined) {
    const operation = page.locator(`#operations-${tag}-${operationId}`);
    await operation.locator('.opblock-summary').first().click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await fill(operation);
    await operation.getByRole('button', { name: 'Execute' }).click();
    const answer = operation.locator('.live-responses-table .response').first();
    await answer.waitFor();
    const status = (await answer.locator('.response-col_status').textContent())!.trim();
    const body = (await answer.locator('.response-col_description pre').first().textContent())!;
    const headers = (await answer.locator('.response-col_description').textContent())!;
    return { status, body, headers };
  }

  it('creates a counter through "Try it out" and shows the 201 with its Location and ETag', async () => {
    const answer = await tryOut('counters', 'createCounter', (operation) => operation.locator('textarea.body-param__text').fill('{ "name": "from swagger" }'));
    expect(answer.status).toBe('201');
    expect(JSON.parse(answer.body)).toMatchObject({ name: 'from swagger', value: 0, version: 1 });
    expect(answer.headers).toMatch(/location: \/counters\/[0-9a-f-]{36}/);
    expect(answer.headers).toContain('etag: "1"');
  });

  it('increments it through "Try it out", with If-Match taken from the ETag', async () => {
    const id = JSON.parse((await page.locator('#operations-counters-createCounter .live-responses-table pre').first().textContent())!).id;
    const answer = await tryOut('counters', 'incrementCounter', async (operation) => {
      await operation.locator('tr[data-param-name="id"] input').fill(id);
      await operation.locator('tr[data-param-name="If-Match"] input').fill('"1"');
      await operation.locator('textarea.body-param__text').fill('{ "by": 5 }');
    });
    expect(answer.status).toBe('200');
    expect(JSON.parse(answer.body)).toMatchObject({ id, value: 5, version: 2 });
  });

  it('answers "Execute" on the live feed instead of spinning, with the events as text/event-stream', async () => {
    const answer = await tryOut('events', 'followEvents');
    expect(answer.status).toBe('200');
    expect(answer.body).toContain('"type":"CounterIncremented"');
  });
});
