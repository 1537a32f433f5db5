import { DomainError } from '@houston/domain';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { TargetAccess } from '../compare/target-access';
import { namespacePath, type NamespaceSnapshot } from '../compare/namespace-reader';
import { planSync } from '../compare/sync-text';
import { EnvironmentGateway, type AdminAnswer, type AdminRequest } from '../environments/environment-gateway';
import type { SignedInUser } from '../sessions/session.service';
import { boundedUnzip, ZipRefused, type UnzipLimits } from './bounded-unzip';
import { readImport, type NamespaceFile } from './import-plan';

export type ConflictAction = 'ignore' | 'cover';

export interface NamespaceOutcome {
  env: string;
  cluster: string;
  namespace: string;
  /** `imported`: written in one edit; `skipped`: it had items and the action is `ignore`; `unchanged`: already so. */
  status: 'imported' | 'skipped' | 'unchanged';
}

export interface ImportReport {
  createdClusters: Array<{ env: string; cluster: string }>;
  createdAppNamespaces: Array<{ env: string; namespace: string }>;
  namespaces: NamespaceOutcome[];
}

interface Step {
  file: NamespaceFile;
  /** The text to write, or undefined when nothing is to be written. */
  configText?: string;
  status: NamespaceOutcome['status'];
  before?: { configText: string; revision: number };
}

/**
 * Imports an archive in Apollo 2.5's layout into one app, all or nothing:
 *
 * 1. the archive is unzipped within limits and every entry checked (nothing written on a 400/413);
 * 2. every target environment is read (an unreachable one fails the import with 503, nothing
 *    written), and every permission checked: modify on each namespace, master of the app where a
 *    cluster or namespace must be created (403 naming them, nothing written);
 * 3. the writes: missing namespace definitions and clusters are created, then each namespace is
 *    changed by one text edit naming the revision it was planned on (an edit made meanwhile is
 *    refused, not overwritten);
 * 4. if any write fails, what this import did is undone in reverse order: each namespace gets its
 *    earlier text back (again guarded by revision) and created clusters and definitions are
 *    deleted. The answer says what failed and whether everything was undone; only if an
 *    environment dies during the import can something stay changed, and then it is named.
 *
 * `ignore` leaves a namespace that already has items as it is (Apollo's ignoreConflictNamespace);
 * `cover` writes the archive's keys into it, keeping keys the archive does not have.
 */
@Injectable()
export class ImportApp {
  constructor(
    @Inject(EnvironmentGateway) private readonly gateway: EnvironmentGateway,
    @Inject(TargetAccess) private readonly access: TargetAccess,
  ) {}

  async execute(
    signedIn: SignedInUser,
    appId: string,
    zip: Uint8Array,
    options: { conflictAction: ConflictAction; env?: string; limits: UnzipLimits },
  ): Promise<ImportReport> {
    const targetEnv = options.env === undefined ? undefined : this.gateway.resolve(options.env);
    const request = readImport(unzipOrRefuse(zip, options.limits), appId, this.gateway.names(), targetEnv);
    const operator = signedIn.user.username;
    const call = (env: string, what: Omit<AdminRequest, 'operator'>) =>
      this.gateway.call(env, { ...what, operator });
    const e = encodeURIComponent;

    // Read everything first: an unreachable environment fails here, before any write.
    const envs = [...request.clusters.keys()];
    const existingClusters = new Map<string, Set<string>>();
    const existingDefinitions = new Map<string, Set<string>>();
    for (const env of envs) {
      const app = await call(env, { method: 'GET', path: `/apps/${e(appId)}` });
      if (app.status === 404) {
        throw new DomainError('NOT_FOUND', `${appId} does not exist in ${env}; create it there first`, {
          env,
        });
      }
      existingClusters.set(
        env,
        new Set(names(await ok(env, call(env, { method: 'GET', path: `/apps/${e(appId)}/clusters` })))),
      );
      existingDefinitions.set(
        env,
        new Set(names(await ok(env, call(env, { method: 'GET', path: `/apps/${e(appId)}/appnamespaces` })))),
      );
    }
    const newClusters = envs.flatMap((env) =>
      [...request.clusters.get(env)!]
        .filter((c) => !existingClusters.get(env)!.has(c))
        .map((cluster) => ({ env, cluster })),
    );
    const newDefinitions = envs.flatMap((env) =>
      [...new Set(request.namespaces.filter((n) => n.env === env).map((n) => n.namespace))]
        .filter((ns) => !existingDefinitions.get(env)!.has(ns))
        .map((namespace) => ({ env, namespace })),
    );

    const actor = await this.access.actorOf(signedIn);
    const refused = request.namespaces
      .filter(
        (n) =>
          !this.access.mayModify(actor, { appId, env: n.env, cluster: n.cluster, namespace: n.namespace }),
      )
      .map((n) => `modify ${n.env}/${n.cluster}/${n.namespace}`);
    if ((newClusters.length > 0 || newDefinitions.length > 0) && !this.access.isMaster(actor, appId)) {
      refused.push(
        ...newClusters.map((c) => `create cluster ${c.env}/${c.cluster}`),
        ...newDefinitions.map((d) => `create namespace ${d.env}/${d.namespace}`),
      );
    }
    if (refused.length > 0) throw new ForbiddenException(`you may not ${refused.join(', ')} of ${appId}`);

    const steps: Step[] = [];
    for (const file of request.namespaces) {
      const exists =
        existingClusters.get(file.env)!.has(file.cluster) &&
        existingDefinitions.get(file.env)!.has(file.namespace);
      const current = exists
        ? ((await ok(
            file.env,
            call(file.env, { method: 'GET', path: namespacePath({ appId, ...file }) }),
          )) as NamespaceSnapshot)
        : undefined;
      steps.push(plan(file, current, options.conflictAction));
    }

    const report: ImportReport = { createdClusters: [], createdAppNamespaces: [], namespaces: [] };
    const written: Step[] = [];
    try {
      for (const d of newDefinitions) {
        const definition = request.appNamespaces.get(d.namespace);
        const format =
          definition?.format ?? steps.find((step) => step.file.namespace === d.namespace)!.file.format;
        await ok(
          d.env,
          call(d.env, {
            method: 'POST',
            path: `/apps/${e(appId)}/appnamespaces`,
            body: {
              name: baseName(d.namespace, format),
              format,
              isPublic: definition?.isPublic ?? false,
              comment: definition?.comment ?? '',
            },
          }),
        );
        report.createdAppNamespaces.push(d);
      }
      for (const c of newClusters) {
        await ok(
          c.env,
          call(c.env, { method: 'POST', path: `/apps/${e(appId)}/clusters`, body: { name: c.cluster } }),
        );
        report.createdClusters.push(c);
      }
      for (const step of steps) {
        if (step.configText !== undefined && !step.before) {
          // Created just now: what creation left (an empty namespace) is what an undo goes back to.
          const fresh = (await ok(
            step.file.env,
            call(step.file.env, { method: 'GET', path: namespacePath({ appId, ...step.file }) }),
          )) as NamespaceSnapshot;
          step.before = { configText: fresh.configText, revision: fresh.revision };
          if (fresh.configText === step.configText) {
            step.configText = undefined;
            step.status = 'unchanged';
          }
        }
        if (step.configText !== undefined) {
          const summary = (await ok(
            step.file.env,
            call(step.file.env, {
              method: 'PUT',
              path: `${namespacePath({ appId, ...step.file })}/items`,
              body: { configText: step.configText, revision: step.before!.revision },
            }),
          )) as { revision: number };
          step.before = { ...step.before!, revision: summary.revision };
          written.push(step);
        }
        report.namespaces.push({
          env: step.file.env,
          cluster: step.file.cluster,
          namespace: step.file.namespace,
          status: step.status,
        });
      }
    } catch (error) {
      const notUndone = await this.undo(appId, written, report, call);
      const reason = error instanceof Error ? error.message : String(error);
      throw new DomainError(
        'CONFLICT',
        notUndone.length === 0
          ? `the import failed and was undone: ${reason}`
          : `the import failed and could not be undone everywhere: ${reason}; still changed: ${notUndone.join(', ')}`,
        { reason, undone: notUndone.length === 0, stillChanged: notUndone },
      );
    }
    return report;
  }

  /** Puts back what the import changed, newest first; what could not be put back, named. */
  private async undo(
    appId: string,
    written: Step[],
    report: ImportReport,
    call: (env: string, what: Omit<AdminRequest, 'operator'>) => Promise<AdminAnswer>,
  ): Promise<string[]> {
    const e = encodeURIComponent;
    const left: string[] = [];
    const attempt = async (what: string, env: string, request: Omit<AdminRequest, 'operator'>) => {
      try {
        const answer = await call(env, request);
        if (answer.status >= 300) left.push(what);
      } catch {
        left.push(what);
      }
    };
    for (const step of [...written].reverse()) {
      await attempt(`${step.file.env}/${step.file.cluster}/${step.file.namespace}`, step.file.env, {
        method: 'PUT',
        path: `${namespacePath({ appId, ...step.file })}/items`,
        body: { configText: step.before!.configText, revision: step.before!.revision },
      });
    }
    for (const c of [...report.createdClusters].reverse()) {
      await attempt(`cluster ${c.env}/${c.cluster}`, c.env, {
        method: 'DELETE',
        path: `/apps/${e(appId)}/clusters/${e(c.cluster)}`,
      });
    }
    for (const d of [...report.createdAppNamespaces].reverse()) {
      await attempt(`namespace ${d.env}/${d.namespace}`, d.env, {
        method: 'DELETE',
        path: `/apps/${e(appId)}/appnamespaces/${e(d.namespace)}`,
      });
    }
    return left;
  }
}

function plan(file: NamespaceFile, current: NamespaceSnapshot | undefined, action: ConflictAction): Step {
  const before = current ? { configText: current.configText, revision: current.revision } : undefined;
  const empty = !current || current.items.length === 0;
  if (empty) {
    const same = current?.configText === file.configText;
    return {
      file,
      before,
      status: same ? 'unchanged' : 'imported',
      configText: same ? undefined : file.configText,
    };
  }
  if (action === 'ignore') return { file, before, status: 'skipped' };
  const sync = planSync(file.format, file.values, current.configText, [...file.values.keys()]);
  const changed = sync.created.length + sync.updated.length > 0;
  return {
    file,
    before,
    status: changed ? 'imported' : 'unchanged',
    configText: changed ? sync.configText : undefined,
  };
}

async function ok(env: string, pending: Promise<AdminAnswer>): Promise<unknown> {
  const answer = await pending;
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  const message = (answer.body as { message?: string } | undefined)?.message ?? `HTTP ${answer.status}`;
  throw new Error(`${env}: ${message}`);
}

function names(body: unknown): string[] {
  return (body as Array<{ name: string }>).map((item) => item.name);
}

/** The admin-service takes a new namespace's name without its format suffix (`db` for `db.yml`). */
function baseName(namespace: string, format: string): string {
  return format !== 'properties' && namespace.endsWith(`.${format}`)
    ? namespace.slice(0, -format.length - 1)
    : namespace;
}

function unzipOrRefuse(zip: Uint8Array, limits: UnzipLimits) {
  try {
    return boundedUnzip(zip, limits);
  } catch (error) {
    if (!(error instanceof ZipRefused)) throw error;
    throw new DomainError(error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', error.message);
  }
}
