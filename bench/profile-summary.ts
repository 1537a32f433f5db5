// Summarises a V8 CPU profile written by `--cpu-prof` (e.g. `npm run bench -- --profile`):
// self time by function and by package, so the bottleneck of a run can be named.
// Usage: node dist/bench/profile-summary.js <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';
import { fmt, markdownTable } from './lib/stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Which package (or Houston app/lib) a script belongs to. */
function owner(url: string): string {
  if (!url) return '(native / idle)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const houston = /dist\/((?:apps|libs|bench)\/[^/]+)/.exec(url);
  if (houston) return houston[1]!;
  if (url.startsWith('node:')) return 'node core';
  return url;
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: profile-summary <file.cpuprofile> [top]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(topArg ?? 25);
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const byFunction = new Map<string, number>();
const byOwner = new Map<string, number>();
let idle = 0;
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === '(idle)') idle += us;
  const name = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  byOwner.set(owner(url), (byOwner.get(owner(url)) ?? 0) + us);
}
const busy = total - idle;
const rows = (map: Map<string, number>) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => [name, `${fmt(us / 1000, 0)} ms`, `${fmt((us / busy) * 100)}%`]);

process.stdout.write(
  `${file}: ${fmt(total / 1e6)} s sampled, ${fmt(busy / 1e6)} s busy (shares below are of busy time)\n\n`,
);
process.stdout.write(`${markdownTable(['package', 'self', 'share'], rows(byOwner))}\n\n`);
process.stdout.write(`${markdownTable(['function', 'self', 'share'], rows(byFunction))}\n`);
