/**
 * For BIGINT columns read through TypeORM: PostgreSQL's driver returns them as strings (to be safe
 * past 2^53); positions and counts here stay far below that, so they are read back as numbers.
 */
export const bigintAsNumber = { to: (value: number) => value, from: (value: string | number) => Number(value) };
