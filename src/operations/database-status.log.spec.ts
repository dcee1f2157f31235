import { Logger } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import { DatabaseStatusLog } from './database-status.log';

const result = (status: 'up' | 'down', message?: string): HealthCheckResult => ({
  status: status === 'up' ? 'ok' : 'error',
  details: { database: { status, ...(message ? { message } : {}) } },
});

describe('DatabaseStatusLog', () => {
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('says nothing while the database stays up', () => {
    const watch = new DatabaseStatusLog();
    watch.observe(result('up'));
    watch.observe(result('up'));
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('warns once when it goes down, with the reason, and tells once when it is back', () => {
    const watch = new DatabaseStatusLog();
    watch.observe(result('down', 'connect ECONNREFUSED'));
    watch.observe(result('down', 'connect ECONNREFUSED'));
    watch.observe(result('up'));
    expect(warn.mock.calls).toEqual([['database down: connect ECONNREFUSED']]);
    expect(log.mock.calls).toEqual([['database back: it answers again']]);
  });
});
