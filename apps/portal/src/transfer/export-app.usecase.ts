import { DomainError, itemsFromText, isNamespaceFormat } from '@houston/domain';
import { Inject, Injectable } from '@nestjs/common';
import { strToU8, zipSync } from 'fflate';
import { TargetAccess } from '../compare/target-access';
import { EnvironmentGateway, type AdminAnswer } from '../environments/environment-gateway';
import type { SignedInUser } from '../sessions/session.service';
import {
  appNamespacePath,
  appPath,
  branchPath,
  clusterPath,
  namespaceFilePath,
  type ExportedBranch,
  type ExportedItem,
} from './apollo-zip-layout';

export interface ExportScope {
  /** Environments to export (default: every environment the portal manages). */
  envs?: string[];
  cluster?: string;
  namespace?: string;
}

export interface AppExport {
  zip: Uint8Array;
  /** Environments left out, and why (values the user may not see, or no such app there). */
  skipped: Array<{ env: string; reason: string }>;
}

interface AppBody {
  appId: string;
  name: string;
  orgId?: string;
  orgName?: string;
  ownerName?: string;
  ownerEmail?: string;
}

interface NamespaceBody {
  namespaceName: string;
  format: string;
  configText: string;
  items?: Array<{ key: string; secret?: boolean }>;
}

/**
 * An app, one of its clusters or one namespace, from every environment the user may read, as a
 * zip in Apollo 2.5's layout, with each namespace's gray branch (rules and items) beside it.
 * Environments whose values this user may not see are left out entirely (never exported as `******`, which an import would then write). An environment that
 * cannot be reached fails the export (503 naming it) when it was asked for by name; without
 * `envs` it is left out and named with the others left out.
 */
@Injectable()
export class ExportApp {
  constructor(
    @Inject(EnvironmentGateway) private readonly gateway: EnvironmentGateway,
    @Inject(TargetAccess) private readonly access: TargetAccess,
  ) {}

  async execute(signedIn: SignedInUser, appId: string, scope: ExportScope): Promise<AppExport> {
    const actor = await this.access.actorOf(signedIn);
    const envs = (scope.envs ?? this.gateway.names()).map((env) => this.gateway.resolve(env));
    const files: Record<string, Uint8Array> = {};
    const skipped: AppExport['skipped'] = [];
    const appNamespaces = new Map<string, object>();
    let app: AppBody | undefined;
    const e = encodeURIComponent;
    for (const env of envs) {
      if (this.access.valuesHidden(actor, appId, env)) {
        skipped.push({ env, reason: `values in ${env} are shown to members of ${appId} only` });
        continue;
      }
      // An environment's files join the zip only once all of them were read.
      const envFiles: Record<string, Uint8Array> = {};
      try {
        const found = await this.get(env, `/apps/${e(appId)}`);
        if (found.status === 404) {
          skipped.push({ env, reason: `${appId} does not exist in ${env}` });
          continue;
        }
        if (!app) {
          app = pickApp(found.body as AppBody);
          const definitions = (await this.get(env, `/apps/${e(appId)}/appnamespaces`)).body as Array<{
            name: string;
            format: string;
            isPublic: boolean;
            isSecret?: boolean;
            comment: string;
          }>;
          for (const d of definitions) {
            appNamespaces.set(d.name, {
              appId,
              name: d.name,
              format: d.format,
              isPublic: d.isPublic,
              // A secret namespace is recreated secret by an import (its items are left out, as secrets are).
              ...(d.isSecret === true ? { isSecret: true } : {}),
              comment: d.comment,
            });
          }
        }
        const owner = app.ownerName || appId;
        const clusters = (
          (await this.get(env, `/apps/${e(appId)}/clusters`)).body as Array<{
            name: string;
            comment?: string;
          }>
        ).filter((c) => scope.cluster === undefined || c.name === scope.cluster);
        for (const cluster of clusters) {
          envFiles[clusterPath(owner, appId, env, cluster.name)] = json({
            appId,
            name: cluster.name,
            comment: cluster.comment ?? '',
          });
          const namespaces = (await this.get(env, `/apps/${e(appId)}/clusters/${e(cluster.name)}/namespaces`))
            .body as NamespaceBody[];
          for (const ns of namespaces) {
            if (scope.namespace !== undefined && ns.namespaceName !== scope.namespace) continue;
            const path = namespaceFilePath(owner, appId, env, cluster.name, ns.namespaceName, ns.format);
            envFiles[path] = json(exportedItems(ns));
            const secrets = secretKeysOf(ns);
            if (secrets.length > 0) {
              skipped.push({
                env,
                reason: `secret values of ${cluster.name}/${ns.namespaceName} are not exported (${secrets.join(', ')})`,
              });
            }
            const branch = await this.branchOf(env, appId, cluster.name, ns);
            if (branch)
              envFiles[branchPath(owner, appId, env, cluster.name, ns.namespaceName)] = json(branch);
          }
        }
      } catch (error) {
        // Asked for by name, an environment must be in the zip; otherwise it is left out, and said so.
        if (scope.envs !== undefined || !(error instanceof DomainError) || error.code !== 'UNAVAILABLE')
          throw error;
        skipped.push({ env, reason: error.message });
        continue;
      }
      Object.assign(files, envFiles);
    }
    if (!app) {
      throw new DomainError('NOT_FOUND', `nothing of ${appId} to export`, { skipped });
    }
    files[appPath(app.ownerName || appId, appId)] = json(app);
    for (const [name, definition] of appNamespaces) {
      if (scope.namespace !== undefined && name !== scope.namespace) continue;
      files[appNamespacePath(appId, name)] = json(definition);
    }
    return { zip: zipSync(files, { level: 6 }), skipped };
  }

  /** The namespace's gray branch, its rules and its own items; undefined when it has none. */
  private async branchOf(
    env: string,
    appId: string,
    cluster: string,
    ns: NamespaceBody,
  ): Promise<ExportedBranch | undefined> {
    const e = encodeURIComponent;
    const main = `/apps/${e(appId)}/clusters/${e(cluster)}/namespaces/${e(ns.namespaceName)}`;
    const found = await this.get(env, `${main}/branches`);
    if (found.status === 404) return undefined;
    const branch = found.body as { branchName: string; ruleItems: ExportedBranch['ruleItems'] };
    const items = await this.get(
      env,
      `/apps/${e(appId)}/clusters/${e(branch.branchName)}/namespaces/${e(ns.namespaceName)}`,
    );
    if (items.status === 404) return undefined;
    return {
      appId,
      env,
      clusterName: cluster,
      namespaceName: ns.namespaceName,
      branchName: branch.branchName,
      ruleItems: branch.ruleItems.map(({ clientAppId, clientIpList, clientLabelList }) => ({
        clientAppId,
        clientIpList,
        clientLabelList,
      })),
      items: exportedItems({ ...(items.body as NamespaceBody), format: ns.format }),
    };
  }

  private async get(env: string, path: string): Promise<AdminAnswer> {
    const answer = await this.gateway.call(env, { method: 'GET', path });
    if (answer.status !== 200 && answer.status !== 404) {
      const message = (answer.body as { message?: string } | undefined)?.message ?? `HTTP ${answer.status}`;
      throw new DomainError('UNAVAILABLE', `${env} answered ${path} with ${message}`, {
        env,
        reason: message,
      });
    }
    return answer;
  }
}

/** Keys whose values are secret: shown masked, so never exported (an import would write the mask). */
function secretKeysOf(ns: NamespaceBody): string[] {
  return (ns.items ?? []).filter((item) => item.secret === true).map((item) => item.key);
}

/**
 * The rows Apollo exports: properties with their comment lines, any other format as one `content`
 * row. Secret items are left out.
 */
function exportedItems(ns: NamespaceBody): ExportedItem[] {
  const format = isNamespaceFormat(ns.format) ? ns.format : 'properties';
  const secrets = new Set(secretKeysOf(ns));
  return itemsFromText(format, ns.configText)
    .filter((row) => !secrets.has(row.key))
    .map((row) => ({
      key: row.key,
      value: row.value,
      comment: row.comment,
      lineNum: row.lineNum,
    }));
}

function pickApp(body: AppBody): AppBody {
  return {
    appId: body.appId,
    name: body.name,
    orgId: body.orgId ?? '',
    orgName: body.orgName ?? '',
    ownerName: body.ownerName ?? '',
    ownerEmail: body.ownerEmail ?? '',
  };
}

function json(value: unknown): Uint8Array {
  return strToU8(JSON.stringify(value));
}
