/**
 * What a projection worker is doing in this process:
 * - `following`: drains the log whenever poked;
 * - `waiting-to-retry`: an event failed; `retry` pokes again after a delay, other pokes are ignored;
 * - `pausing`: a rebuild waits for the current drain to end, then empties the read model;
 * - `stopped`: the app is shutting down.
 */
export type WorkerPhase = { name: 'following' } | { name: 'waiting-to-retry'; timer: NodeJS.Timeout } | { name: 'pausing' } | { name: 'stopped' };

const ALLOWED: Record<WorkerPhase['name'], readonly WorkerPhase['name'][]> = {
  following: ['waiting-to-retry', 'pausing', 'stopped'],
  'waiting-to-retry': ['following', 'pausing', 'stopped'],
  pausing: ['following', 'stopped'],
  stopped: [],
};

/**
 * Every transition of a worker goes through here. One not listed keeps the current phase (nothing
 * leaves `stopped`; a failure during `pausing` needs no retry: the rebuild starts over anyway);
 * leaving `waiting-to-retry` cancels its timer.
 */
export function transition(from: WorkerPhase, to: WorkerPhase): WorkerPhase {
  if (from.name === to.name) return from;
  if (!ALLOWED[from.name].includes(to.name)) return from;
  if (from.name === 'waiting-to-retry') clearTimeout(from.timer);
  return to;
}
