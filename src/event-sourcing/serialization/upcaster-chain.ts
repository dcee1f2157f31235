import type { Upcaster } from './upcaster';
import { UnsupportedSchemaVersionError } from './serialization.errors';

export interface VersionedPayload {
  schemaVersion: number;
  data: Record<string, unknown>;
}

/** Every registered upcaster, by stored type and the version it reads. */
export class UpcasterChain {
  private readonly steps = new Map<string, Upcaster>();

  add(upcaster: Upcaster): void {
    const key = keyOf(upcaster.type, upcaster.fromVersion);
    if (this.steps.has(key)) throw new Error(`Two upcasters read '${upcaster.type}' at schema version ${upcaster.fromVersion}`);
    this.steps.set(key, upcaster);
  }

  /**
   * Applies each step from the stored version up to `target`.
   * @throws UnsupportedSchemaVersionError when a step is missing or the stored version is newer than `target`.
   */
  upcast(type: string, stored: VersionedPayload, target: number): VersionedPayload {
    let { schemaVersion, data } = stored;
    if (schemaVersion > target) throw new UnsupportedSchemaVersionError(type, stored.schemaVersion, target);
    while (schemaVersion < target) {
      const step = this.steps.get(keyOf(type, schemaVersion));
      if (!step) throw new UnsupportedSchemaVersionError(type, stored.schemaVersion, target);
      data = step.upcast(data);
      schemaVersion += 1;
    }
    return { schemaVersion, data };
  }
}

function keyOf(type: string, version: number): string {
  return `${type}@${version}`;
}
