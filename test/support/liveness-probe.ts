import { get } from 'node:http';

/**
 * Asks /health/live every 50 ms while a suite runs and records how long each answer took: a
 * request that holds the event loop shows up as a slow or missing answer.
 */
export class LivenessProbe {
  private readonly timings: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = false;

  constructor(private readonly url: string) {}

  start(): void {
    this.timer = setInterval(() => this.ask(), 50);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  report(): { count: number; within100ms: number; maxMs: number } {
    return { count: this.timings.length, within100ms: this.timings.filter((ms) => ms <= 100).length, maxMs: Math.max(0, ...this.timings) };
  }

  private ask(): void {
    if (this.inFlight) return; // a stalled answer is measured once, by its own duration
    this.inFlight = true;
    const started = performance.now();
    get(this.url, (response) => {
      response.resume();
      response.on('end', () => {
        this.timings.push(response.statusCode === 200 ? performance.now() - started : Infinity);
        this.inFlight = false;
      });
    }).on('error', () => {
      this.timings.push(Infinity);
      this.inFlight = false;
    });
  }
}
