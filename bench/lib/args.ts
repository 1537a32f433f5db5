// The benchmark runner's command line, parsed without side effects so that a typo (or `--help`)
// never starts a run of several minutes that loads every core.

export interface BenchOptions {
  sections: string[];
  smoke: boolean;
  profile: boolean;
  installEtcd: boolean;
  fanoutClients?: number[];
  fanoutPaths?: ('database' | 'redis')[];
}

export type ParsedBenchArgs =
  | { kind: 'run'; options: BenchOptions }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

const SWITCHES = ['smoke', 'profile', 'install-etcd', 'help'] as const;
const VALUED = ['only', 'fanout-clients', 'fanout-paths'] as const;

export function benchUsage(sections: readonly string[]): string {
  return [
    'usage: node dist/bench/run.js [options]   (npm run bench -- [options])',
    '',
    `  --only a,b               run only these sections (${sections.join(', ')}); default: all`,
    '  --smoke                  a tiny run of each section that judges no timings (CI)',
    '  --profile                --cpu-prof the Houston servers into bench/results/profiles/<run>/',
    '  --install-etcd           as root: apt-get install etcd-server when etcd is missing',
    '  --fanout-clients 1000,…  the fan-out sizes to run',
    '  --fanout-paths redis,…   the fan-out wake-up paths to run (database, redis)',
    '  --help                   this text; nothing runs',
    '',
  ].join('\n');
}

export function parseBenchArgs(argv: readonly string[], sections: readonly string[]): ParsedBenchArgs {
  const switches = new Set<string>();
  const values = new Map<string, string[]>();
  for (let at = 0; at < argv.length; at++) {
    const arg = argv[at]!;
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && (SWITCHES as readonly string[]).includes(name)) {
      switches.add(name);
    } else if (name !== undefined && (VALUED as readonly string[]).includes(name)) {
      const value = argv[at + 1];
      if (value === undefined || value.startsWith('--')) {
        return { kind: 'error', message: `--${name} needs a value` };
      }
      values.set(name, value.split(',').filter(Boolean));
      at++;
    } else {
      return { kind: 'error', message: `unknown argument ${arg}; --help lists the options` };
    }
  }
  if (switches.has('help')) return { kind: 'help', text: benchUsage(sections) };

  const only = values.get('only') ?? [...sections];
  const unknown = only.filter((name) => !sections.includes(name));
  if (unknown.length > 0) {
    return {
      kind: 'error',
      message: `unknown section(s): ${unknown.join(', ')}; known: ${sections.join(', ')}`,
    };
  }
  const fanoutClients = values.get('fanout-clients')?.map(Number);
  if (fanoutClients?.some((count) => !Number.isInteger(count) || count < 1)) {
    return { kind: 'error', message: '--fanout-clients takes positive whole numbers, e.g. 1000,10000' };
  }
  const fanoutPaths = values.get('fanout-paths');
  if (fanoutPaths?.some((path) => path !== 'database' && path !== 'redis')) {
    return { kind: 'error', message: '--fanout-paths takes database and/or redis' };
  }
  return {
    kind: 'run',
    options: {
      sections: only,
      smoke: switches.has('smoke'),
      profile: switches.has('profile'),
      installEtcd: switches.has('install-etcd'),
      fanoutClients,
      fanoutPaths: fanoutPaths as BenchOptions['fanoutPaths'],
    },
  };
}
