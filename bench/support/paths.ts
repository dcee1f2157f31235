import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's root: the first folder up from here with a package.json. The same whether the
 * bench runs compiled (from .bench-build/bench/support) or from its sources (bench/support).
 */
export const PROJECT_ROOT = (() => {
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${__dirname}`);
    folder = parent;
  }
  return folder;
})();
