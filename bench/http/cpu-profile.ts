import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** "functionName (file:line)", with the path shortened to its package or source file. */
  where: string;
  ms: number;
  share: number;
}

/** The `.cpuprofile` that process `pid` wrote into `dir` (Node names them CPU.<date>.<time>.<pid>.…). */
export function findProfile(dir: string, pid: number): string | undefined {
  try {
    const name = readdirSync(dir).find((file) => file.endsWith('.cpuprofile') && file.split('.')[3] === String(pid));
    return name && join(dir, name);
  } catch {
    return undefined;
  }
}

/** Self time summed by function, largest first: where the process itself spent its CPU. */
export function selfTimeByFunction(file: string, top = 15): SelfTime[] {
  return sumSelfTime(file, describeFunction, top);
}

/** Self time summed by package (Chronicle's own code, each npm package, Node itself), largest first. */
export function selfTimeByPackage(file: string, top = 12): SelfTime[] {
  return sumSelfTime(file, describePackage, top);
}

function sumSelfTime(file: string, keyOf: (node: ProfileNode) => string, top: number): SelfTime[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const key = keyOf(byId.get(id)!);
    totals.set(key, (totals.get(key) ?? 0) + ms);
    all += ms;
  });
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, ms]) => ({ where, ms, share: ms / all }));
}

function describeFunction(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (!url) return functionName || '(anonymous)'; // (idle), (garbage collector), (program), native code
  return `${functionName || '(anonymous)'} (${shortFile(url)}:${lineNumber + 1})`;
}

function describePackage({ callFrame: { functionName, url } }: ProfileNode): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native code)';
  if (url.startsWith('node:')) return '(Node.js itself)';
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules < 0) return url.includes('/dist/') ? 'Chronicle (dist/)' : shortFile(url);
  const [scope, name] = url.slice(nodeModules + 'node_modules/'.length).split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

function shortFile(url: string): string {
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0) return url.slice(nodeModules + 'node_modules/'.length);
  return url.includes('/dist/') ? `dist/${url.split('/dist/')[1]}` : basename(url);
}
