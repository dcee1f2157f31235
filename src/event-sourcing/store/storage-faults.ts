import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { EventStore } from './event-store';
import { StorageFault, storageFaultOf } from './database-errors';

/** How long a fault is believed without a new one: writers and projections keep trying meanwhile. */
export const STORAGE_FAULT_MEMORY_MS = 30_000;

/**
 * Remembers the last storage fault (database full or read-only) that a write ran into, so that
 * readiness can report it: a plain ping still answers while every write fails. Forgotten as soon
 * as an append commits, or after STORAGE_FAULT_MEMORY_MS without a new one (then the next
 * failing write reports it again).
 */
@Injectable()
export class StorageFaults implements OnModuleDestroy {
  private last: { fault: StorageFault; at: number } | null = null;
  private readonly unsubscribe: () => void;

  constructor(store: EventStore) {
    this.unsubscribe = store.onAppended(() => (this.last = null));
  }

  /** Notes `error` if it is a storage fault; returns the fault, or null for any other error. */
  record(error: unknown): StorageFault | null {
    const fault = storageFaultOf(error);
    if (fault) this.last = { fault, at: Date.now() };
    return fault;
  }

  current(): StorageFault | null {
    if (this.last && Date.now() - this.last.at > STORAGE_FAULT_MEMORY_MS) this.last = null;
    return this.last?.fault ?? null;
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }
}
