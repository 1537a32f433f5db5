import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { basename, delimiter, join, resolve } from 'node:path';
import type { CliIo } from '../cli-io';
import { EXIT_FAILED, EXIT_UNREACHABLE } from '../exit-codes';
import { readIfExists, writeFileAtomic } from './atomic-write';
import { describeChanges, type PendingChanges } from './describe-changes';
import { ProgramSupervisor } from './program-supervisor';
import { runCheck } from './run-check';
import type { RunOptions, TemplateSpec } from './run-options';
import { buildTemplateContext, type NamespaceSnapshot } from './template-context';
import { renderTemplateFile } from './template-renderer';

/** The part of the Houston client `houston run` uses. */
export interface ConfigClientLike {
  namespace(name: string): {
    readonly format: string;
    readonly releaseKey: string;
    all(): Record<string, string>;
    content(): string | undefined;
    parsed<T = unknown>(): T;
  };
  onChange(
    listener: (event: {
      namespace: string;
      changes: Array<{ key: string; type: string }>;
      releaseKey: string;
    }) => void,
  ): () => void;
  close(): Promise<void>;
  /** Tells the config-service what became of the release a namespace holds (rollout health). */
  reportRelease?(namespace: string, status: 'applied' | 'rejected' | 'check_failed', message?: string): void;
}

export interface AgentLogger {
  info(message: string, meta?: object): void;
  warn(message: string, meta?: object): void;
  error?(message: string, meta?: object): void;
}

export type ClientFactory = (options: RunOptions, logger: AgentLogger) => Promise<ConfigClientLike>;

type ApplyResult = 'applied' | 'unchanged' | 'failed';
type ApplyOutcome = { result: ApplyResult; status: 'applied' | 'rejected' | 'check_failed'; message: string };

interface Rendered {
  spec: TemplateSpec;
  destination: string;
  text: string;
}

/**
 * `houston run`: renders the templates from live configuration, checks them, starts the program,
 * and on every release re-renders and restarts (or signals) it. Resolves with the exit code.
 */
export async function runAgent(options: RunOptions, io: CliIo, createClient: ClientFactory): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const program = basename(options.command[0]!);
  const log = (message: string): void => {
    io.stderr.write(`${new Date().toISOString()} houston run: ${message}\n`);
  };
  const logger: AgentLogger = {
    info: () => undefined,
    warn: (message, meta) => log(`client: ${message}${meta ? ' ' + JSON.stringify(meta) : ''}`),
    error: (message, meta) => log(`client: ${message}${meta ? ' ' + JSON.stringify(meta) : ''}`),
  };

  let client: ConfigClientLike;
  try {
    client = await createClient(options, logger);
  } catch (error) {
    log(`cannot load the configuration of ${options.appId}: ${messageOf(error)}`);
    return EXIT_UNREACHABLE;
  }

  let settle!: (code: number) => void;
  const outcome = new Promise<number>((done) => (settle = done));
  let shuttingDown = false;
  const supervisor = new ProgramSupervisor(
    options.command,
    io.env,
    (code) => {
      log(`${program} exited with code ${code}`);
      settle(code);
    },
    log,
  );

  const snapshots = (): NamespaceSnapshot[] =>
    options.namespaces.map((name) => {
      const namespace = client.namespace(name);
      let parsed: unknown;
      if (['json', 'yaml', 'yml'].includes(namespace.format)) {
        try {
          parsed = namespace.parsed();
        } catch {
          // A document that does not parse is still there as text (`content[...]`).
        }
      }
      return {
        name,
        format: namespace.format,
        releaseKey: namespace.releaseKey,
        configurations: namespace.all(),
        content: namespace.content(),
        parsed,
      };
    });

  /**
   * Renders, checks and writes, then tells the config-service how it went for every namespace:
   * a template that cannot render is `rejected`, a failing `--check` is `check_failed`.
   */
  const apply = async (initial: boolean): Promise<ApplyResult> => {
    const outcome = await render(initial);
    for (const name of options.namespaces) {
      try {
        client.reportRelease?.(name, outcome.status, outcome.message);
      } catch (error) {
        log(`cannot report the release of ${name}: ${messageOf(error)}`);
      }
    }
    return outcome.result;
  };

  const render = async (initial: boolean): Promise<ApplyOutcome> => {
    let rendered: Rendered[];
    try {
      const context = buildTemplateContext(
        snapshots(),
        { id: options.appId, cluster: options.cluster },
        io.env,
      );
      rendered = options.templates.map((spec) => ({
        spec,
        destination: resolve(cwd, spec.destination),
        text: renderTemplateFile(resolve(cwd, spec.source), context),
      }));
    } catch (error) {
      log(`render failed: ${messageOf(error)}`);
      return { result: 'failed', status: 'rejected', message: `render failed: ${messageOf(error)}` };
    }
    const changed: Rendered[] = [];
    for (const file of rendered) {
      if ((await readIfExists(file.destination)) !== file.text) changed.push(file);
    }
    if (!initial && changed.length === 0 && options.templates.length > 0)
      return { result: 'unchanged', status: 'applied', message: '' };
    if (options.check && !(await checkPasses(rendered)))
      return { result: 'failed', status: 'check_failed', message: 'the --check command failed' };
    for (const file of changed) {
      await writeFileAtomic(file.destination, file.text);
      log(`wrote ${file.spec.destination}`);
    }
    return { result: 'applied', status: 'applied', message: '' };
  };

  const checkPasses = async (rendered: Rendered[]): Promise<boolean> => {
    const directory = await mkdtemp(join(tmpdir(), 'houston-rendered-'));
    try {
      const used = new Set<string>();
      const paths: string[] = [];
      for (const [index, file] of rendered.entries()) {
        // Named as the destination, so `nginx -t -c $HOUSTON_RENDERED_DIR/nginx.conf` works.
        let name = basename(file.destination);
        if (used.has(name)) name = `${index}-${name}`;
        used.add(name);
        const path = join(directory, name);
        await writeFile(path, file.text);
        paths.push(path);
      }
      const result = await runCheck(
        options.check!,
        { ...io.env, HOUSTON_RENDERED_DIR: directory, HOUSTON_RENDERED_FILES: paths.join(delimiter) },
        options.checkTimeoutMs,
      );
      if (result.ok) {
        log('check passed');
        return true;
      }
      const output = result.output.trim().split('\n').slice(-5).join(' | ');
      log(`check failed (${result.outcome})${output ? ': ' + output : ''}`);
      return false;
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  };

  const stopAndExit = async (code: number) => {
    shuttingDown = true;
    await supervisor.stop(options.stopTimeoutMs);
    settle(code);
  };

  const onReleased = async (pending: PendingChanges) => {
    if (shuttingDown) return;
    log(`configuration changed: ${describeChanges(pending)}`);
    const result = await apply(false);
    if (shuttingDown) return;
    if (result === 'unchanged') {
      log(`rendered files unchanged; ${program} left alone`);
      return;
    }
    if (result === 'failed') {
      if (options.onCheckFail === 'exit') {
        log(`--on-check-fail exit: stopping ${program}`);
        await stopAndExit(EXIT_FAILED);
      } else {
        log(`kept the previous files and the running ${program}`);
      }
      return;
    }
    const action = options.onChange;
    if (action.kind === 'restart') {
      log(`restarting ${program} (pid ${supervisor.pid ?? '-'})`);
      await supervisor.stop(options.stopTimeoutMs);
      if (!shuttingDown) supervisor.start();
    } else if (action.kind === 'signal') {
      if (supervisor.signal(action.signal))
        log(`sent ${action.signal} to ${program} (pid ${supervisor.pid})`);
    } else {
      log(`files updated; ${program} left running (--on-change none)`);
    }
  };

  let queue: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>) => {
    queue = queue.then(task).catch((error: unknown) => {
      log(`unexpected failure: ${messageOf(error)}`);
    });
  };

  let pending: PendingChanges = new Map();
  let timer: NodeJS.Timeout | undefined;
  const unsubscribeChanges = client.onChange((event) => {
    const keys = pending.get(event.namespace) ?? new Map<string, string>();
    for (const change of event.changes) keys.set(change.key, change.type);
    pending.set(event.namespace, keys);
    clearTimeout(timer);
    // Trailing debounce: a burst of releases (several namespaces published together) is one restart.
    timer = setTimeout(() => {
      const batch = pending;
      pending = new Map();
      enqueue(() => onReleased(batch));
    }, options.debounceMs);
  });

  const unsubscribeSignals = io.onSignal?.((signal) => {
    if (!shuttingDown) log(`received ${signal}; passing it to ${program}`);
    shuttingDown = true;
    clearTimeout(timer);
    if (!supervisor.signal(signal)) settle(128 + (constants.signals[signal] ?? 15));
  });

  enqueue(async () => {
    const result = await apply(true);
    if (shuttingDown) return;
    if (result === 'failed') {
      if (options.onCheckFail === 'exit') {
        log(`--on-check-fail exit: ${program} not started`);
        return settle(EXIT_FAILED);
      }
      const missing: string[] = [];
      for (const spec of options.templates) {
        if ((await readIfExists(resolve(cwd, spec.destination))) === undefined)
          missing.push(spec.destination);
      }
      if (missing.length > 0) {
        log(`no previous ${missing.join(', ')} to fall back on: ${program} not started`);
        return settle(EXIT_FAILED);
      }
      log(`starting ${program} with the files already in place`);
    }
    supervisor.start();
  });

  const code = await outcome;
  shuttingDown = true;
  clearTimeout(timer);
  unsubscribeChanges();
  unsubscribeSignals?.();
  await supervisor.stop(options.stopTimeoutMs);
  await client.close().catch(() => undefined);
  return code;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
