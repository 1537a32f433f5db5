// The benchmark suite: `npm run bench` (everything), `-- --only read,fanout`, `-- --smoke` (a tiny
// run of every section that checks the suite still works, without judging timings: CI runs it).
// Other flags: `--profile` (CPU profiles of the Houston servers into bench/results/profiles),
// `--install-etcd` (apt-get install etcd-server when run as root and etcd is missing),
// `--fanout-clients 10000` and `--fanout-paths redis` (one fan-out size or path, to look at it alone);
// `--help` lists them. An unknown argument is refused rather than ignored (bench/lib/args.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBenchArgs } from './lib/args';
import { environment, environmentTable } from './lib/environment';
import { ROOT } from './lib/servers';
import { adminSection } from './sections/admin';
import { capacitySection } from './sections/capacity';
import { fanoutSection } from './sections/fanout';
import { hostileSection } from './sections/hostile';
import { peerSection } from './sections/peer';
import { readSection } from './sections/read';
import type { Section, SectionContext, SectionResult } from './sections/section';

const SECTIONS: Record<string, Section> = {
  read: readSection,
  capacity: capacitySection,
  fanout: fanoutSection,
  peer: peerSection,
  admin: adminSection,
  hostile: hostileSection,
};

const parsed = parseBenchArgs(process.argv.slice(2), Object.keys(SECTIONS));
if (parsed.kind === 'help') {
  process.stdout.write(parsed.text);
  process.exit(0);
}
if (parsed.kind === 'error') {
  process.stderr.write(`${parsed.message}\n`);
  process.exit(2);
}
const options = parsed.options;

const resultsDir = join(ROOT, 'bench/results');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
mkdirSync(resultsDir, { recursive: true });
const profileDir = join(resultsDir, 'profiles', stamp);
if (options.profile) mkdirSync(profileDir, { recursive: true });

const failures: string[] = [];
const context: SectionContext = {
  smoke: options.smoke,
  profileArgs: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  installEtcd: options.installEtcd,
  fanout: { clients: options.fanoutClients, paths: options.fanoutPaths },
  log: (line) => process.stdout.write(`  · ${line}\n`),
  fail: (message) => {
    failures.push(message);
    process.stdout.write(`  ✗ ${message}\n`);
  },
};

const env = environment();
process.stdout.write(`# Houston benchmarks${context.smoke ? ' (smoke: timings are not judged)' : ''}\n\n`);
process.stdout.write(`${environmentTable(env)}\n\n`);

const results: SectionResult[] = [];
for (const name of options.sections) {
  process.stdout.write(`## ${name}\n\n`);
  const started = Date.now();
  try {
    const result = await SECTIONS[name]!(context);
    results.push(result);
    process.stdout.write(`\n${result.markdown}\n\n`);
    const file = join(resultsDir, `${context.smoke ? 'smoke-' : ''}${name}-${stamp}.json`);
    writeFileSync(file, JSON.stringify({ environment: env, smoke: context.smoke, ...result }, null, 2));
    process.stdout.write(
      `(${Math.round((Date.now() - started) / 1000)} s; ${file.slice(ROOT.length + 1)})\n\n`,
    );
  } catch (error) {
    context.fail(
      `${name} crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}

if (options.profile) process.stdout.write(`CPU profiles: ${profileDir.slice(ROOT.length + 1)}\n`);
if (failures.length > 0) {
  process.stdout.write(
    `\n${failures.length} functional failure(s):\n${failures.map((f) => `- ${f}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write('all sections ran without functional failures\n');
process.exit(0);
