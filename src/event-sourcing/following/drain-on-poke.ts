/**
 * Poke, drain, look again: `poke()` says new events may exist; `drain` reads until there are
 * none. Drains never overlap, and however many pokes arrive during one, exactly one more drain
 * follows it, so an event appended mid-drain is never missed and a burst of appends costs one
 * extra read, not one per append.
 */
export class DrainOnPoke {
  private running: Promise<void> | null = null;
  private pokedWhileRunning = false;

  /**
   * @param drain reads and handles everything available; its errors go to `onError`.
   * @param canRun checked on every poke: false ignores it (closed, stopped, paused, waiting).
   */
  constructor(
    private readonly drain: () => Promise<void>,
    private readonly canRun: () => boolean,
    private readonly onError: (error: unknown) => void,
  ) {}

  poke(): void {
    if (!this.canRun()) return;
    if (this.running) {
      this.pokedWhileRunning = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.running = null;
        if (!this.pokedWhileRunning) return;
        this.pokedWhileRunning = false;
        this.poke();
      });
  }

  /** Forgets pokes received during the current drain: the one that follows is not needed. */
  forgetPokes(): void {
    this.pokedWhileRunning = false;
  }

  /** Resolves once no drain runs (including one started by a poke during the last). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}
