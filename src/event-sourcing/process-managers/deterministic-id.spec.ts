import { deterministicId } from './deterministic-id';

describe('deterministicId', () => {
  it('gives the same RFC 9562 version-5 UUID for the same parts', () => {
    const id = deterministicId('transfer_process', 'event-1', 'debit');
    expect(id).toBe(deterministicId('transfer_process', 'event-1', 'debit'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives different ids for another step, event or process manager', () => {
    const ids = new Set([
      deterministicId('transfer_process', 'event-1', 'debit'),
      deterministicId('transfer_process', 'event-1', 'fail'),
      deterministicId('transfer_process', 'event-2', 'debit'),
      deterministicId('other_process', 'event-1', 'debit'),
    ]);
    expect(ids.size).toBe(4);
  });

  it('does not confuse parts that only differ in where they are split', () => {
    expect(deterministicId('a/b', 'c')).not.toBe(deterministicId('a', 'b/c'));
    expect(deterministicId('ab', 'c')).not.toBe(deterministicId('a', 'bc'));
  });
});
