import { BusinessRuleError } from '../../event-sourcing';

export class InsufficientFundsError extends BusinessRuleError {
  constructor(accountId: string, balance: number, amount: number) {
    super(`Insufficient funds: account ${accountId} has a balance of ${balance}, ${amount} would take it below zero`);
    this.name = 'InsufficientFundsError';
  }
}

export class AccountClosedError extends BusinessRuleError {
  constructor(accountId: string) {
    super(`Account ${accountId} is closed`);
    this.name = 'AccountClosedError';
  }
}

export class AccountNotEmptyError extends BusinessRuleError {
  constructor(accountId: string, balance: number) {
    super(`Account ${accountId} has a balance of ${balance}: only an account at 0 can be closed`);
    this.name = 'AccountNotEmptyError';
  }
}

export class BalanceOverflowError extends BusinessRuleError {
  constructor(accountId: string, balance: number, amount: number) {
    super(`Account ${accountId} has a balance of ${balance}: adding ${amount} would pass ${Number.MAX_SAFE_INTEGER}`);
    this.name = 'BalanceOverflowError';
  }
}

export class CurrencyMismatchError extends BusinessRuleError {
  constructor(fromCurrency: string, toCurrency: string) {
    super(`Cannot transfer between currencies: from is in ${fromCurrency}, to is in ${toCurrency}`);
    this.name = 'CurrencyMismatchError';
  }
}

export class NothingToRefundError extends BusinessRuleError {
  constructor(accountId: string, transferId: string) {
    super(`Account ${accountId} was never debited for transfer ${transferId}: there is nothing to refund`);
    this.name = 'NothingToRefundError';
  }
}

export class TransferFinishedError extends BusinessRuleError {
  constructor(transferId: string, status: string) {
    super(`Transfer ${transferId} is already ${status}`);
    this.name = 'TransferFinishedError';
  }
}
