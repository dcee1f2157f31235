import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The import boundaries of the event-sourcing core (eslint.config.mjs) checked on snippets, with
// the project's real ESLint configuration. ESLint's API loads that ES-module config, which jest's
// module system cannot, so it runs in a child Node process.
const ROOT = join(__dirname, '..', '..');

interface Probe {
  file: string;
  code: string;
}

function boundaryErrors(probes: Probe[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      // The probes are not files of the TypeScript project: parsed without type information,
      // checked by this one rule only.
      const eslint = new ESLint({
        cwd: ${JSON.stringify(ROOT)},
        overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
        ruleFilter: ({ ruleId }) => ruleId === 'import-x/no-restricted-paths',
      });
      const out = [];
      for (const { file, code } of ${JSON.stringify(probes)}) {
        const [result] = await eslint.lintText(code, { filePath: file });
        const fatal = result.messages.find((m) => m.fatal);
        if (fatal) throw new Error(file + ': ' + fatal.message);
        out.push(result.messages.map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[][];
}

describe('ESLint import boundaries of the event-sourcing core', () => {
  it('refuses the core importing the app, and the app importing the core past its entry points', () => {
    const [coreIntoApp, appPastIndex, appThroughIndex, coreInternal, prodUsesTesting, specUsesTesting] = boundaryErrors([
      { file: 'src/event-sourcing/store/probe.ts', code: "import { Environment } from '../../config/environment';\nexport const e = Environment;\n" },
      { file: 'src/counters/probe.ts', code: "import { SqliteWriteLock } from '../event-sourcing/store/sqlite-write-lock';\nexport const l = SqliteWriteLock;\n" },
      { file: 'src/counters/probe.ts', code: "import { EventStore } from '../event-sourcing';\nexport const s = EventStore;\n" },
      { file: 'src/event-sourcing/store/probe.ts', code: "import { EventRegistry } from '../serialization/event-registry';\nexport const r = EventRegistry;\n" },
      { file: 'src/counters/probe.ts', code: "import { given } from '../event-sourcing/testing';\nexport const g = given;\n" },
      { file: 'src/counters/probe.spec.ts', code: "import { given } from '../event-sourcing/testing';\nexport const g = given;\n" },
    ]);
    expect(coreIntoApp).toEqual([expect.stringContaining('imports nothing outside src/event-sourcing/')]);
    expect(appPastIndex).toEqual([expect.stringContaining('through its entry point')]);
    expect(appThroughIndex).toEqual([]);
    expect(coreInternal).toEqual([]);
    expect(prodUsesTesting).toEqual([expect.stringContaining('for specs only')]);
    expect(specUsesTesting).toEqual([]);
  });
});
