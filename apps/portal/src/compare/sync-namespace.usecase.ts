import { DomainError, isNamespaceFormat } from '@houston/domain';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { EnvironmentGateway } from '../environments/environment-gateway';
import type { SignedInUser } from '../sessions/session.service';
import type { Place } from './compare-namespace.usecase';
import { namespacePath, readNamespace, type NamespaceAddress } from './namespace-reader';
import { planSync, type SourceItem } from './sync-text';
import { TargetAccess } from './target-access';

export interface TargetSync extends Place {
  /** `synced`: changed in one edit; `unchanged`: already equal; otherwise nothing was written there. */
  status: 'synced' | 'unchanged' | 'not-found' | 'unreachable' | 'failed';
  reason?: string;
  created?: string[];
  updated?: string[];
  deleted?: string[];
  /** Chosen keys left as they are here, and why (a secret of the source is never copied). */
  skipped?: Array<{ key: string; reason: string }>;
}

/** Why a secret key is not synced: its value is not readable here, only its mask. */
export const SECRET_NOT_SYNCED =
  'secret in the source: its value is never copied (set it in each environment, or reveal it and set it by hand)';

/**
 * Makes the chosen keys of the namespace in each target equal to the source (Apollo's sync):
 * created, updated or deleted there, not released. Each target is changed by one text edit that
 * names the revision it was computed from, so it is all or nothing per target and an edit made
 * meanwhile is refused (409) instead of overwritten. Targets are independent: one unreachable
 * environment does not stop the others, and each says what happened to it.
 */
@Injectable()
export class SyncNamespace {
  constructor(
    @Inject(EnvironmentGateway) private readonly gateway: EnvironmentGateway,
    @Inject(TargetAccess) private readonly access: TargetAccess,
  ) {}

  async execute(
    signedIn: SignedInUser,
    source: NamespaceAddress,
    targets: Place[],
    keys: string[],
  ): Promise<TargetSync[]> {
    const actor = await this.access.actorOf(signedIn);
    const places = targets.map((t) => ({ env: this.gateway.resolve(t.env), cluster: t.cluster }));
    // Every target is checked before anything is written anywhere.
    const refused = places.filter(
      (p) =>
        !this.access.mayModify(actor, {
          appId: source.appId,
          env: p.env,
          cluster: p.cluster,
          namespace: source.namespace,
        }),
    );
    if (refused.length > 0) {
      throw new ForbiddenException(
        `you may not modify ${source.appId}/${source.namespace} in ${refused.map((p) => `${p.env}/${p.cluster}`).join(', ')}`,
      );
    }
    const sourceRead = await readNamespace(this.gateway, source);
    if (sourceRead.status !== 'ok') {
      throw new DomainError(
        sourceRead.status === 'not-found' ? 'NOT_FOUND' : 'UNAVAILABLE',
        `the source ${source.env}/${source.cluster}/${source.namespace} cannot be read: ${sourceRead.reason}`,
        { env: source.env, reason: sourceRead.reason },
      );
    }
    // A secret comes masked: copying it would write the mask as the value. It is left alone.
    const secretKeys = new Set(
      sourceRead.namespace.items.filter((item) => item.secret).map((item) => item.key),
    );
    const sourceValues = new Map<string, SourceItem>(
      sourceRead.namespace.items
        .filter((item) => !item.secret)
        .map((item) => [item.key, { value: item.value, comment: item.comment ?? '' }]),
    );
    const chosen = [...new Set(keys)];
    const syncKeys = chosen.filter((key) => !secretKeys.has(key));
    const skipped = chosen
      .filter((key) => secretKeys.has(key))
      .map((key) => ({ key, reason: SECRET_NOT_SYNCED }));
    return Promise.all(
      places.map(async (place) => {
        const outcome = await this.syncOne(signedIn, source, place, sourceValues, syncKeys);
        return skipped.length > 0 ? { ...outcome, skipped } : outcome;
      }),
    );
  }

  private async syncOne(
    signedIn: SignedInUser,
    source: NamespaceAddress,
    place: Place,
    sourceValues: Map<string, SourceItem>,
    keys: string[],
  ): Promise<TargetSync> {
    const address = { ...source, env: place.env, cluster: place.cluster };
    const read = await readNamespace(this.gateway, address);
    if (read.status !== 'ok') return { ...place, status: read.status, reason: read.reason };
    const format = read.namespace.format;
    if (!isNamespaceFormat(format)) return { ...place, status: 'failed', reason: `unknown format ${format}` };
    let plan;
    try {
      plan = planSync(format, sourceValues, read.namespace.configText, keys);
    } catch (error) {
      return { ...place, status: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
    const changes = { created: plan.created, updated: plan.updated, deleted: plan.deleted };
    if (plan.created.length + plan.updated.length + plan.deleted.length === 0) {
      return { ...place, status: 'unchanged', ...changes };
    }
    try {
      const answer = await this.gateway.call(place.env, {
        method: 'PUT',
        path: `${namespacePath(address)}/items`,
        body: { configText: plan.configText, revision: read.namespace.revision, comments: plan.comments },
        operator: signedIn.user.username,
      });
      if (answer.status === 200) return { ...place, status: 'synced', ...changes };
      const message = (answer.body as { message?: string } | undefined)?.message ?? `HTTP ${answer.status}`;
      return { ...place, status: 'failed', reason: message };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'UNAVAILABLE') {
        return { ...place, status: 'unreachable', reason: error.message };
      }
      throw error;
    }
  }
}
