import { RecentSnapshots } from './recent-snapshots';
import type { Snapshot } from './snapshot-store';

const snapshotOf = (streamId: string, state: unknown, version = 1): Snapshot => ({ streamId, version, schemaVersion: 1, state, occurredAt: new Date(0) });
// Each of these states is counted at the same size: the same id length, the same JSON length.
const stateOfSize = (chars: number) => ({ text: 'x'.repeat(chars) });

describe('RecentSnapshots', () => {
  describe('with a budget in bytes', () => {
    it('counts what it keeps and evicts the least recently used once the budget is passed', () => {
      const cache = new RecentSnapshots(10_000);
      cache.remember(snapshotOf('a', stateOfSize(1000)), 0);
      const one = cache.bytes;
      expect(one).toBeGreaterThan(2 * 1000); // two bytes a character at most, plus the entry itself
      const fit = Math.floor(10_000 / one);
      for (let i = 1; i < fit; i++) cache.remember(snapshotOf(`${String.fromCharCode(97 + i)}`, stateOfSize(1000)), 0);
      expect(cache.size).toBe(fit);
      cache.get('a', 1); // `a` is now the most recently used: `b` goes first

      cache.remember(snapshotOf('z', stateOfSize(1000)), 0);

      expect(cache.size).toBe(fit);
      expect(cache.bytes).toBeLessThanOrEqual(10_000);
      expect(cache.get('b', 1)).toBeNull();
      expect(cache.get('a', 1)?.snapshot.state).toEqual(stateOfSize(1000));
      expect(cache.get('z', 1)).not.toBeNull();
    });

    it('makes room for one large state by evicting as many small ones as it takes', () => {
      const cache = new RecentSnapshots(10_000);
      for (let i = 0; i < 10; i++) cache.remember(snapshotOf(`s${i}`, stateOfSize(10)), 0);
      expect(cache.size).toBe(10);

      cache.remember(snapshotOf('big', stateOfSize(4000)), 0);

      expect(cache.get('big', 1)).not.toBeNull();
      expect(cache.bytes).toBeLessThanOrEqual(10_000);
      expect(cache.size).toBeLessThan(10);
    });

    it('does not keep a state larger than the whole budget, nor an older copy of it', () => {
      const cache = new RecentSnapshots(1000);
      cache.remember(snapshotOf('a', stateOfSize(10), 1), 0);
      cache.remember(snapshotOf('a', stateOfSize(1000), 2), 0);
      expect(cache.get('a', 1)).toBeNull();
      expect(cache.bytes).toBe(0);
    });

    it('counts a state saved again at its new size, not twice', () => {
      const cache = new RecentSnapshots(100_000);
      cache.remember(snapshotOf('a', stateOfSize(10), 1), 0);
      const small = cache.bytes;
      cache.remember(snapshotOf('a', stateOfSize(1010), 2), 0);
      expect(cache.size).toBe(1);
      expect(cache.bytes).toBe(small + 2 * 1000);
      expect(cache.get('a', 1)?.snapshot.version).toBe(2);
    });
  });

  it('keeps nothing with a budget of 0', () => {
    const cache = new RecentSnapshots(0);
    cache.remember(snapshotOf('a', { value: 1 }), 0);
    expect(cache.get('a', 1)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('hands out a copy: changing a restored state leaves the kept one alone', () => {
    const cache = new RecentSnapshots(10_000);
    cache.remember(snapshotOf('a', { items: [1] }), 0);
    (cache.get('a', 1)!.snapshot.state as { items: number[] }).items.push(2);
    expect(cache.get('a', 1)!.snapshot.state).toEqual({ items: [1] });
  });
});
