import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeOn, openStore, postgresBackend, StoreFixture } from '../support/store-backends';
import { newEvent } from './event-store.contract';

describeOn(postgresBackend, "Hearing of other instances' appends", () => {
  let here: StoreFixture;
  let there: StoreFixture;

  beforeAll(async () => {
    here = await postgresBackend.open();
    there = await openStore((here.dataSource.options as { url: string }).url, () => undefined);
  });
  afterAll(async () => {
    await there?.close();
    await here?.close();
  });

  it("tells this process's listeners about another instance's commit, and about its own once", async () => {
    const heard: number[] = [];
    const stop = here.store.onAppended((position) => heard.push(position));
    await sleep(300); // LISTEN is set up in the background

    const remote = await there.store.appendToStream(randomUUID(), 'Thing', [newEvent('A'), newEvent('B')], 'no-stream');
    const local = await here.store.appendToStream(randomUUID(), 'Thing', [newEvent('C')], 'no-stream');
    const deadline = Date.now() + 5000;
    while (heard.length < 2 && Date.now() < deadline) await sleep(10);
    await sleep(200); // an echo of the local append would arrive by now
    stop();

    expect(heard.sort((x, y) => x - y)).toEqual([remote.lastPosition, local.lastPosition]);
  });
});
