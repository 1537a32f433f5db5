import { DEFAULT_CLUSTER, DomainError, type GrayRuleItem } from '@houston/domain';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { TargetAccess } from '../compare/target-access';
import { GrantsService } from '../permissions/grants.service';
import { namespacePath, type NamespaceSnapshot } from '../compare/namespace-reader';
import { planSync, valuesOnly } from '../compare/sync-text';
import { EnvironmentGateway, type AdminAnswer, type AdminRequest } from '../environments/environment-gateway';
import type { SignedInUser } from '../sessions/session.service';
import { boundedUnzip, ZipRefused, type UnzipLimits } from './bounded-unzip';
import { readImport, type BranchFile, type NamespaceFile } from './import-plan';

/** What the admin-service gives every new app: the default cluster and its application namespace. */
const NEW_APP_CLUSTERS = [DEFAULT_CLUSTER];
const NEW_APP_DEFINITIONS = ['application'];

export type ConflictAction = 'ignore' | 'cover';

export interface NamespaceOutcome {
  env: string;
  cluster: string;
  namespace: string;
  /** `imported`: written in one edit; `skipped`: it had items and the action is `ignore`; `unchanged`: already so. */
  status: 'imported' | 'skipped' | 'unchanged';
}

export interface BranchOutcome extends NamespaceOutcome {
  /** The branch in the target (made by the import when `created`). */
  branchName: string;
  created: boolean;
}

export interface ImportReport {
  /** Environments where the app did not exist and was made, owned by the importing user. */
  createdApps: Array<{ env: string }>;
  createdClusters: Array<{ env: string; cluster: string }>;
  createdAppNamespaces: Array<{ env: string; namespace: string }>;
  namespaces: NamespaceOutcome[];
  branches: BranchOutcome[];
  /** Items the archive holds only as a secret's mask: not imported, the target keeps its own. */
  secretsNotImported: Array<{ env: string; cluster: string; namespace: string; key: string }>;
}

interface BranchStep {
  file: BranchFile;
  /** The branch already there (undefined: the import makes one). */
  existing?: { branchName: string; ruleItems: GrayRuleItem[]; configText: string; revision: number };
  status: NamespaceOutcome['status'];
  /** Set as it is written: the branch, and what to put back on undo. */
  branchName?: string;
  created?: boolean;
  before?: { configText: string; revision: number };
  rulesBefore?: GrayRuleItem[];
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
 *
 * An environment without the app gets it, as Apollo 2.5's import makes it, when the archive has
 * its `app.metadata` and the user may create apps: the importing user owns it (and becomes its
 * master, as with a new app), so its namespaces need no further role. A gray branch in the
 * archive is made on its namespace (or, with `cover`, written into the branch already there:
 * its keys and its rules, which need release permission); `ignore` leaves an existing branch.
 */
@Injectable()
export class ImportApp {
  constructor(
    @Inject(EnvironmentGateway) private readonly gateway: EnvironmentGateway,
    @Inject(TargetAccess) private readonly access: TargetAccess,
    @Inject(GrantsService) private readonly grants: GrantsService,
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
    const newApps: string[] = [];
    for (const env of envs) {
      const app = await call(env, { method: 'GET', path: `/apps/${e(appId)}` });
      if (app.status === 404) {
        if (!request.app) {
          throw new DomainError(
            'NOT_FOUND',
            `${appId} does not exist in ${env} and the archive has no app.metadata to make it from; create it there first`,
            { env },
          );
        }
        newApps.push(env);
        existingClusters.set(env, new Set(NEW_APP_CLUSTERS));
        existingDefinitions.set(env, new Set(NEW_APP_DEFINITIONS));
        continue;
      }
      if (app.status !== 200) await ok(env, Promise.resolve(app));
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
    // Where the import makes the app, the user will own it: its namespaces need no other role.
    const owned = (env: string) => newApps.includes(env);
    const refused =
      newApps.length > 0 && !this.access.mayCreateApp(actor)
        ? newApps.map((env) => `create the app in ${env}`)
        : [];
    refused.push(
      ...request.namespaces
        .filter(
          (n) =>
            !owned(n.env) &&
            !this.access.mayModify(actor, { appId, env: n.env, cluster: n.cluster, namespace: n.namespace }),
        )
        .map((n) => `modify ${n.env}/${n.cluster}/${n.namespace}`),
      ...request.branches
        .filter(
          (b) =>
            !owned(b.env) &&
            b.ruleItems.length > 0 &&
            !this.access.mayRelease(actor, { appId, env: b.env, cluster: b.cluster, namespace: b.namespace }),
        )
        .map((b) => `set the gray rules of ${b.env}/${b.cluster}/${b.namespace}`),
    );
    const mastered = [...newClusters, ...newDefinitions].filter((x) => !owned(x.env));
    if (mastered.length > 0 && !this.access.isMaster(actor, appId)) {
      refused.push(
        ...newClusters.filter((c) => !owned(c.env)).map((c) => `create cluster ${c.env}/${c.cluster}`),
        ...newDefinitions.filter((d) => !owned(d.env)).map((d) => `create namespace ${d.env}/${d.namespace}`),
      );
    }
    if (refused.length > 0) throw new ForbiddenException(`you may not ${refused.join(', ')} of ${appId}`);

    const steps: Step[] = [];
    for (const file of request.namespaces) {
      const exists =
        !owned(file.env) &&
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
    const branchSteps: BranchStep[] = [];
    for (const file of request.branches) {
      const exists =
        !owned(file.env) &&
        existingClusters.get(file.env)!.has(file.cluster) &&
        existingDefinitions.get(file.env)!.has(file.namespace);
      const existing = exists ? await this.readBranch(appId, file, call) : undefined;
      branchSteps.push({
        file,
        existing,
        status: existing && options.conflictAction === 'ignore' ? 'skipped' : 'imported',
      });
    }

    const report: ImportReport = {
      createdApps: [],
      createdClusters: [],
      createdAppNamespaces: [],
      namespaces: [],
      branches: [],
      secretsNotImported: request.secretsNotImported,
    };
    const written: Step[] = [];
    const writtenBranches: BranchStep[] = [];
    let grantedMaster: number | undefined;
    try {
      for (const env of newApps) {
        await ok(
          env,
          call(env, {
            method: 'POST',
            path: '/apps',
            body: {
              appId,
              ...request.app,
              name: request.app!.name || appId,
              ownerName: operator,
              ...(signedIn.user.email ? { ownerEmail: signedIn.user.email } : {}),
            },
          }),
        );
        report.createdApps.push({ env });
        if (grantedMaster === undefined) {
          const grant = await this.grants.add(
            signedIn.user,
            { role: 'Master', appId, env: '', clusterName: '', namespaceName: '' },
            operator,
            true,
          );
          grantedMaster = grant?.id ?? 0;
        }
      }
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
              ...(definition?.isSecret ? { isSecret: true } : {}),
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
      for (const step of branchSteps) {
        if (step.status !== 'skipped')
          await this.writeBranch(appId, step, options.conflictAction, call, writtenBranches);
        report.branches.push({
          env: step.file.env,
          cluster: step.file.cluster,
          namespace: step.file.namespace,
          status: step.status,
          branchName: step.branchName ?? step.existing?.branchName ?? '',
          created: step.created ?? false,
        });
      }
    } catch (error) {
      const notUndone = await this.undo(appId, written, writtenBranches, report, call);
      if (grantedMaster) await this.grants.remove(appId, grantedMaster).catch(() => undefined);
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
    writtenBranches: BranchStep[],
    report: ImportReport,
    call: Call,
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
    for (const step of [...writtenBranches].reverse()) {
      const { env, cluster, namespace } = step.file;
      const what = `gray branch of ${env}/${cluster}/${namespace}`;
      const branches = `${namespacePath({ appId, cluster, namespace })}/branches/${e(step.branchName!)}`;
      if (step.created) {
        await attempt(what, env, { method: 'DELETE', path: branches });
        continue;
      }
      if (step.before) {
        await attempt(what, env, {
          method: 'PUT',
          path: `${namespacePath({ appId, cluster: step.branchName!, namespace })}/items`,
          body: { configText: step.before.configText, revision: step.before.revision },
        });
      }
      if (step.rulesBefore) {
        await attempt(what, env, {
          method: 'PUT',
          path: `${branches}/rules`,
          body: { ruleItems: step.rulesBefore },
        });
      }
    }
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
    for (const { env } of [...report.createdApps].reverse()) {
      await attempt(`app ${env}/${appId}`, env, { method: 'DELETE', path: `/apps/${e(appId)}` });
    }
    return left;
  }

  /** The namespace's gray branch with its rules and text; undefined when it has none. */
  private async readBranch(appId: string, file: BranchFile, call: Call): Promise<BranchStep['existing']> {
    const path = `${namespacePath({ appId, cluster: file.cluster, namespace: file.namespace })}/branches`;
    const found = await call(file.env, { method: 'GET', path });
    if (found.status === 404) return undefined;
    const branch = (await ok(file.env, Promise.resolve(found))) as {
      branchName: string;
      ruleItems: GrayRuleItem[];
    };
    const text = (await ok(
      file.env,
      call(file.env, {
        method: 'GET',
        path: namespacePath({ appId, cluster: branch.branchName, namespace: file.namespace }),
      }),
    )) as NamespaceSnapshot;
    return {
      branchName: branch.branchName,
      ruleItems: branch.ruleItems,
      configText: text.configText,
      revision: text.revision,
    };
  }

  /**
   * Makes the branch (or, with `cover`, writes into the one there): its text in one edit guarded
   * by revision, then its rules. Recorded in `written` before each write, so an undo knows it.
   */
  private async writeBranch(
    appId: string,
    step: BranchStep,
    action: ConflictAction,
    call: Call,
    written: BranchStep[],
  ): Promise<void> {
    const { env, cluster, namespace } = step.file;
    const main = namespacePath({ appId, cluster, namespace });
    let text: { configText: string; revision: number };
    if (step.existing) {
      step.branchName = step.existing.branchName;
      text = step.existing;
    } else {
      const created = (await ok(env, call(env, { method: 'POST', path: `${main}/branches`, body: {} }))) as {
        branchName: string;
      };
      step.branchName = created.branchName;
      step.created = true;
      written.push(step);
      text = (await ok(
        env,
        call(env, { method: 'GET', path: namespacePath({ appId, cluster: created.branchName, namespace }) }),
      )) as NamespaceSnapshot;
    }
    // A branch made just now is a copy of the release: it becomes the archive's text. One there
    // already gets the archive's keys written in (cover), keeping its others.
    const configText =
      step.existing && action === 'cover'
        ? planSync(step.file.format, valuesOnly(step.file.values), text.configText, [
            ...step.file.values.keys(),
          ]).configText
        : step.file.configText;
    const rulesChanged =
      JSON.stringify(step.existing?.ruleItems ?? []) !== JSON.stringify(step.file.ruleItems);
    if (configText === text.configText && !rulesChanged) {
      step.status = step.created ? 'imported' : 'unchanged';
      return;
    }
    if (!step.created) written.push(step);
    if (configText !== text.configText) {
      const summary = (await ok(
        env,
        call(env, {
          method: 'PUT',
          path: `${namespacePath({ appId, cluster: step.branchName, namespace })}/items`,
          body: { configText, revision: text.revision },
        }),
      )) as { revision: number };
      step.before = { configText: text.configText, revision: summary.revision };
    }
    if (rulesChanged) {
      step.rulesBefore = step.existing?.ruleItems ?? [];
      await ok(
        env,
        call(env, {
          method: 'PUT',
          path: `${main}/branches/${encodeURIComponent(step.branchName)}/rules`,
          body: { ruleItems: step.file.ruleItems },
        }),
      );
    }
  }
}

type Call = (env: string, what: Omit<AdminRequest, 'operator'>) => Promise<AdminAnswer>;

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
  const sync = planSync(file.format, valuesOnly(file.values), current.configText, [...file.values.keys()]);
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
