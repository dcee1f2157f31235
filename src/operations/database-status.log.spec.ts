import { Logger } from '@nestjs/common';
import { DatabaseStatusLog } from './database-status.log';

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
    watch.observe('up');
    watch.observe('up');
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('warns once when it goes down, with the reason, and tells once when it is back', () => {
    const watch = new DatabaseStatusLog();
    watch.observe('down', 'connect ECONNREFUSED');
    watch.observe('down', 'connect ECONNREFUSED');
    watch.observe('up');
    expect(warn.mock.calls).toEqual([['database down: connect ECONNREFUSED']]);
    expect(log.mock.calls).toEqual([['database back (was down): it answers and takes writes again']]);
  });

  it('warns on each change of a database that cannot take writes', () => {
    const watch = new DatabaseStatusLog();
    watch.observe('full');
    watch.observe('read-only');
    expect(warn.mock.calls).toEqual([['database full'], ['database read-only']]);
  });
});
