import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function newestSource(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    }),
  );
}

/** The path of a compiled file under dist/, building first (`npm run build`) when src/ changed since the last build. */
export function compiled(relativePath: string): string {
  const file = join(root, 'dist', relativePath);
  if (!existsSync(file) || statSync(file).mtimeMs < newestSource(join(root, 'src'))) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore', timeout: 240_000 });
  }
  return file;
}
