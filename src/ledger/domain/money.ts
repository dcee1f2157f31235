/** Amounts are integers of minor units (cents); one movement moves at most this much. */
export const MAX_AMOUNT = 1_000_000_000_000;

/** ISO-4217-style currency codes: three upper-case letters. */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** Free-text references on movements and transfers. */
export const MAX_REFERENCE_LENGTH = 200;
