import type { SaveResult } from '../../event-sourcing';
import type { Counter } from '../domain/counter.aggregate';

/** What every counter command answers: the state it left and where its last event sits in the log. */
export interface CounterCommandResult {
  id: string;
  value: number;
  version: number;
  position: number;
}

export function counterCommandResult(counter: Counter, saved: SaveResult): CounterCommandResult {
  return { id: counter.id, value: counter.value, version: saved.version, position: saved.position };
}
