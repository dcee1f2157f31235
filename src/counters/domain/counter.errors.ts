import { BusinessRuleError } from '../../event-sourcing';

export class CounterBelowZeroError extends BusinessRuleError {
  constructor(id: string, value: number, by: number) {
    super(`Counter ${id} is at ${value}: decrementing by ${by} would take it below zero`);
    this.name = 'CounterBelowZeroError';
  }
}

export class CounterOverflowError extends BusinessRuleError {
  constructor(id: string, value: number, by: number) {
    super(`Counter ${id} is at ${value}: incrementing by ${by} would pass ${Number.MAX_SAFE_INTEGER}`);
    this.name = 'CounterOverflowError';
  }
}
