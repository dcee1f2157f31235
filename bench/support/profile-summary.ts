/**
 * Sums a V8 `.cpuprofile` (as `npm run bench -- --cpu-prof` writes them) three ways, to see what a
 * request costs below a given layer:
 *
 *   node .bench-build/bench/support/profile-summary.js <file.cpuprofile> [top]
 *
 * - self time by package (Chronicle's own files are listed by folder, e.g. `event-sourcing/store`);
 * - each sample charged to the innermost Chronicle folder on its stack, so that the time spent in
 *   TypeORM, better-sqlite3 or class-validator on behalf of, say, the projections is counted there;
 * - and to the outermost one: after an `await` a stack starts where the work resumed (a projection
 *   batch, a command's append), so this names the job a sample belongs to;
 * - inclusive (total) time by function: each sample counted once for every function on its stack.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function chronicleFolder(url: string): string | undefined {
  if (url.includes('node_modules/')) return undefined;
  const at = url.lastIndexOf('/dist/');
  if (at < 0) return undefined;
  const parts = url.slice(at + '/dist/'.length).split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts.length === 2 ? parts[0] : 'main';
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native code)';
  if (url.startsWith('node:')) return '(Node.js itself)';
  const at = url.lastIndexOf('node_modules/');
  if (at < 0) return `chronicle ${chronicleFolder(url) ?? url}`;
  const [scope, name] = url.slice(at + 'node_modules/'.length).split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

function functionOf({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  const file = url.includes('node_modules/') ? url.slice(url.lastIndexOf('node_modules/') + 13) : url.split('/dist/')[1] ?? url;
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

function print(title: string, totals: Map<string, number>, all: number, top: number): void {
  console.log(`\n## ${title}`);
  for (const [key, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / all) * 100).toFixed(1).padStart(5)}%  ${key}`);
  }
}

function add(totals: Map<string, number>, key: string, ms: number): void {
  totals.set(key, (totals.get(key) ?? 0) + ms);
}

function main(file: string, top: number): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const charged = new Map<string, number>();
  const jobs = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    all += ms;
    add(self, packageOf(leaf.callFrame.url, leaf.callFrame.functionName), ms);
    const seen = new Set<string>();
    let folder: string | undefined;
    let outermost: string | undefined;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      folder ??= chronicleFolder(frame.url);
      outermost = chronicleFolder(frame.url) ?? outermost;
      const name = functionOf(frame);
      if (!seen.has(name)) add(inclusive, name, ms);
      seen.add(name);
    }
    add(charged, folder ?? (leaf.callFrame.url ? 'outside Chronicle code' : leaf.callFrame.functionName), ms);
    add(jobs, outermost ?? (leaf.callFrame.url ? 'outside Chronicle code' : leaf.callFrame.functionName), ms);
  });
  console.log(`${file}: ${all.toFixed(0)} ms sampled`);
  print('self time by package', self, all, top);
  print('charged to the innermost Chronicle folder on the stack', charged, all, top);
  print('charged to the outermost Chronicle folder on the stack', jobs, all, top);
  print('inclusive time by function', inclusive, all, top * 3);
}

main(process.argv[2], Number(process.argv[3] ?? 25));
