import type { SaveResult } from '../../event-sourcing';
import type { Account } from '../domain/account.aggregate';

/** What every command on an account answers: its balance after it and where its last event sits in the log. */
export interface AccountCommandResult {
  id: string;
  balance: number;
  version: number;
  position: number;
}

export function accountCommandResult(account: Account, saved: SaveResult): AccountCommandResult {
  return { id: account.id, balance: account.balance, version: saved.version, position: saved.position };
}
