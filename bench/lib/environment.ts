import { cpus, loadavg, totalmem } from 'node:os';
import { openFileLimit } from './proc';
import { markdownTable, mib } from './stats';

export interface Environment {
  cpu: string;
  cores: number;
  node: string;
  memory: number;
  loadAverage: number[];
  openFileLimit: number;
  date: string;
}

export function environment(): Environment {
  const all = cpus();
  return {
    cpu: all[0]?.model ?? 'unknown',
    cores: all.length,
    node: process.version,
    memory: totalmem(),
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    openFileLimit: openFileLimit(),
    date: new Date().toISOString(),
  };
}

export function environmentTable(env: Environment): string {
  return markdownTable(
    ['CPU', 'cores', 'node', 'memory', 'load (1/5/15 min)', 'open files limit', 'date'],
    [
      [
        env.cpu,
        String(env.cores),
        env.node,
        mib(env.memory),
        env.loadAverage.join(' / '),
        String(env.openFileLimit),
        env.date,
      ],
    ],
  );
}
