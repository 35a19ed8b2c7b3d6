/**
 * Summarises a V8 CPU profile (`--cpu-prof`, e.g. from BENCH_PROFILE=1): the functions with the
 * most self time and the most inclusive time (synchronous stacks only), as shares of the profile.
 * `node bench/profile-summary.ts <file.cpuprofile | folder (newest profile)> [top self] [top inclusive]`
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

const [target = 'bench/results/profiles', topSelf = '25', topInclusive = '40'] = process.argv.slice(2);
const file = statSync(target).isDirectory()
  ? join(target, readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => ({ f, t: statSync(join(target, f)).mtimeMs })).sort((a, b) => b.t - a.t)[0]?.f ?? '')
  : target;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);

const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber + 1}`;
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, t] of selfTime) {
  const node = byId.get(id);
  if (!node) continue;
  self.set(name(node), (self.get(name(node)) ?? 0) + t);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur);
    if (!n || seen.has(name(n))) continue;
    seen.add(name(n));
    inclusive.set(name(n), (inclusive.get(name(n)) ?? 0) + t);
  }
}
const top = (m: Map<string, number>, count: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
process.stdout.write(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n--- self\n${top(self, Number(topSelf))}\n--- inclusive\n${top(inclusive, Number(topInclusive))}\n`);
