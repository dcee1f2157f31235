/**
 * When each start-up phase ended, in ms since the process started (performance.now()'s origin),
 * logged once the app serves so an operator (and the start-up bench) sees where the time went.
 */
export class StartupTimeline {
  private readonly marks: Record<string, number> = {};

  mark(phase: string): void {
    this.marks[phase] = Math.round(performance.now());
  }

  /** `{ phase: ms since start }`, in the order they happened. */
  toJSON(): Record<string, number> {
    return { ...this.marks };
  }
}

/** The one timeline of this process, marked by main.ts and app.start.ts. */
export const startupTimeline = new StartupTimeline();
