/** What every benchmark suite receives from the runner. */
export interface BenchContext {
  /** Smaller sizes and shorter runs, so the whole `--quick` run ends in under two minutes. */
  quick: boolean;
  /** A scratch folder for this run's databases (under .bench-tmp/, removed at the end). */
  tmpDir: string;
  /** Extra node flags for every measured child process (`--cpu-prof` when profiling). */
  nodeFlags: string[];
  log(message: string): void;
}

/** One section of docs/BENCHMARKS.md. */
export interface BenchSection {
  title: string;
  /** Markdown under the section's heading: tables, then what they mean. */
  markdown: string;
  /** One-line results the README quotes, each with its ratio to the baseline. */
  headlines: string[];
}

export interface BenchSuite {
  /** The name `--only` selects. */
  name: string;
  run(context: BenchContext): Promise<BenchSection>;
}
