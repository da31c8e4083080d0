// Summarises a V8 CPU profile (node --cpu-prof) as self time per function and per package, so a
// profile's findings can go into docs/BENCHMARKS.md without the raw file:
//   npx tsx test/bench/profile-summary.ts /tmp/prof/CPU.*.cpuprofile [top]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: { name: string; ms: number; share: number }[];
  byArea: { area: string; ms: number; share: number }[];
}

/** The area a frame belongs to: a package name, "app" for src/, or V8's own entries. */
function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.includes('/src/server/')) return 'app: src/server';
  if (url.includes('/src/shared/')) return 'app: src/shared';
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  return 'other';
}

export function summariseProfile(profile: Profile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id)!;
    const file = callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/').replace(/^file:\/\//, '');
    const name = `${callFrame.functionName || '(anonymous)'} ${file ? `${file}:${callFrame.lineNumber + 1}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + micros);
    const area = areaOf(callFrame.url, callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + micros);
  }
  const rank = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: total / 1000,
    byFunction: rank(functions).map(([name, us]) => ({ name, ms: us / 1000, share: us / total })),
    byArea: rank(areas).map(([area, us]) => ({ area, ms: us / 1000, share: us / total })),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [file, topArg] = process.argv.slice(2);
  const summary = summariseProfile(JSON.parse(readFileSync(file!, 'utf8')) as Profile, Number(topArg ?? 25));
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`.padStart(6);
  process.stdout.write(`total sampled ${summary.totalMs.toFixed(0)} ms\n\nby area:\n`);
  for (const a of summary.byArea) process.stdout.write(`${pct(a.share)}  ${a.area}\n`);
  process.stdout.write('\nby function (self time):\n');
  for (const f of summary.byFunction) process.stdout.write(`${pct(f.share)}  ${f.name}\n`);
}
