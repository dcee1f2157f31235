/**
 * One step of a stored event's schema history: turns the payload of `type` at schema version
 * `fromVersion` into its shape at `fromVersion + 1`. Steps chain, so a store can hold every version
 * ever written while the code knows only the current class.
 *
 * ```ts
 * export const counterIncrementedV1ToV2: Upcaster = {
 *   type: 'CounterIncremented',
 *   fromVersion: 1,
 *   upcast: (data) => ({ ...data, by: data.by ?? 1 }),
 * };
 * ```
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  /** Pure: no clock, no I/O; the same stored payload always upcasts to the same result. */
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}
