export interface SectionContext {
  smoke: boolean;
  /** Node flags for the Houston server processes (e.g. --cpu-prof into bench/results/profiles). */
  profileArgs: string[];
  installEtcd: boolean;
  /** Only these client counts / paths in the fan-out (default: 1k and 10k, both paths). */
  fanout: { clients?: number[]; paths?: Array<'database' | 'redis'> };
  log(line: string): void;
  /** Something functionally broken (a client never woke, a wrong status): the run exits non-zero. */
  fail(message: string): void;
}

export interface SectionResult {
  name: string;
  /** Markdown printed after the section and collected into the run's summary. */
  markdown: string;
  data: unknown;
}

export type Section = (context: SectionContext) => Promise<SectionResult>;
