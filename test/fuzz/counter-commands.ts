import fc from 'fast-check';
import request from 'supertest';
import { waitUntil } from '../support/wait-until';

type Precondition = 'none' | 'current' | 'stale' | 'weak';
export type ValidCommand =
  | { kind: 'create'; name: string }
  | { kind: 'increment' | 'decrement'; ref: number; by: number; ifMatch: Precondition }
  | { kind: 'reset'; ref: number; ifMatch: Precondition }
  | { kind: 'burst'; ref: number; bys: number[] };

const codePoint = fc.oneof(fc.constantFrom('a', ' ', 'é', '\u0301', '\uFE0F'), fc.integer({ min: 0x1f300, max: 0x1faff }).map((cp) => String.fromCodePoint(cp)));
const name = fc.array(codePoint, { minLength: 1, maxLength: 100 }).map((points) => points.join(''));
const ref = fc.nat(1000);
const by = fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constant(1_000_000));
const ifMatch = fc.constantFrom<Precondition>('none', 'none', 'current', 'stale', 'weak');

/** Well-formed commands whose answer the model predicts exactly. */
export const validCommand: fc.Arbitrary<ValidCommand> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), name }),
  fc.record({ kind: fc.constantFrom('increment' as const, 'decrement' as const), ref, by, ifMatch }),
  fc.record({ kind: fc.constant('reset' as const), ref, ifMatch }),
  fc.record({ kind: fc.constant('burst' as const), ref, bys: fc.array(by, { minLength: 2, maxLength: 8 }) }),
);

interface CounterState {
  value: number;
  version: number;
}

/** What every counter should be, from the commands' predicted outcomes and the accepted answers. */
export class CounterModel {
  private readonly counters = new Map<string, CounterState>();

  ids(): string[] {
    return [...this.counters.keys()];
  }

  /** A request the fuzzer did not predict was accepted: its answer says what the counter is now. */
  accepted(body: { id?: string; value?: number; version?: number }): void {
    if (typeof body.id === 'string' && typeof body.value === 'number' && typeof body.version === 'number') this.counters.set(body.id, { value: body.value, version: body.version });
  }

  async run(command: ValidCommand, url: string, head: () => Promise<number>): Promise<void> {
    if (command.kind === 'create' || this.counters.size === 0) return this.create(url, command.kind === 'create' ? command.name : 'fuzz');
    const id = this.ids()[command.ref % this.counters.size];
    if (command.kind === 'burst') return this.burst(url, id, command.bys);
    const state = this.counters.get(id)!;
    const header = { none: undefined, current: `"${state.version}"`, stale: `"${state.version - 1}"`, weak: `W/"${state.version}"` }[command.ifMatch];
    const change = command.kind === 'reset' ? -state.value : command.kind === 'increment' ? command.by : -command.by;
    const expected = header && command.ifMatch !== 'current' ? 412 : state.value + change < 0 ? 422 : 200;
    const before = await head();
    let call = request(url).post(`/counters/${id}/${command.kind}`);
    if (header) call = call.set('If-Match', header);
    const response = await call.send(command.kind === 'reset' ? {} : { by: command.by });
    expect({ command, status: response.status }).toEqual({ command, status: expected });
    if (expected !== 200) return expect(await head()).toBe(before);
    const next = { value: state.value + change, version: state.version + 1 };
    expect(response.body).toMatchObject({ id, ...next });
    this.counters.set(id, next);
  }

  /** Every read model row equals the model and the fold of its own events, and every projection runs. */
  async expectProjectionsEqualTheFold(url: string): Promise<void> {
    const position = (await request(url).get('/projections').expect(200)).body[0].headPosition as number;
    await waitUntil(async () => (await request(url).get(`/counters?minPosition=${position}`)).status === 200, 'the read model to reach the head');
    for (const [id, state] of this.counters) {
      const view = await request(url).get(`/counters/${id}`).expect(200);
      expect({ id, ...view.body }).toMatchObject({ id, ...state });
      const events = (await request(url).get(`/counters/${id}/events`).expect(200)).body.items as { type: string; data: { by?: number } }[];
      expect({ id, value: events.reduce(fold, 0), version: events.length }).toEqual({ id, ...state });
    }
    const states = (await request(url).get('/projections').expect(200)).body as { name: string; status: string }[];
    expect(states.map((s) => [s.name, s.status])).toEqual(states.map((s) => [s.name, 'running']));
  }

  private async create(url: string, text: string): Promise<void> {
    const response = await request(url).post('/counters').send({ name: text });
    expect({ text, status: response.status }).toEqual({ text, status: 201 });
    this.counters.set(response.body.id, { value: 0, version: 1 });
  }

  private async burst(url: string, id: string, bys: number[]): Promise<void> {
    const responses = await Promise.all(bys.map((amount) => request(url).post(`/counters/${id}/increment`).send({ by: amount })));
    expect(responses.map((r) => r.status)).toEqual(bys.map(() => 200));
    const state = this.counters.get(id)!;
    this.counters.set(id, { value: state.value + bys.reduce((a, b) => a + b, 0), version: state.version + bys.length });
  }
}

function fold(value: number, event: { type: string; data: { by?: number } }): number {
  if (event.type === 'CounterIncremented') return value + event.data.by!;
  if (event.type === 'CounterDecremented') return value - event.data.by!;
  return event.type === 'CounterReset' ? 0 : value;
}
