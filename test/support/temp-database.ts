import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for a real SQLite file, removed by `cleanup()`. */
export function tempSqliteUrl(): { url: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-test-'));
  const file = join(dir, 'chronicle.db');
  return { url: `sqlite:${file}`, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
