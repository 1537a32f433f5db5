import { Inject, Injectable } from '@nestjs/common';
import { EnvironmentGateway } from '../environments/environment-gateway';
import type { SignedInUser } from '../sessions/session.service';
import { compareItems, type DiffEntry } from './namespace-diff';
import { readNamespace, type NamespaceAddress } from './namespace-reader';
import { TargetAccess } from './target-access';

export interface Place {
  env: string;
  cluster: string;
}

export interface TargetComparison extends Place {
  status: 'ok' | 'not-found' | 'unreachable' | 'failed';
  reason?: string;
  /** Values of the source or this target may not be seen: keys only, no values, no same/different. */
  valuesHidden?: boolean;
  entries?: DiffEntry[];
  /** How many entries have each status (for a summary without reading every entry). */
  counts?: Record<string, number>;
}

export interface NamespaceComparison {
  source: Place & { status: 'ok' | 'not-found' | 'unreachable' | 'failed'; reason?: string };
  targets: TargetComparison[];
}

/** One namespace's items in one place against the same namespace in several others. */
@Injectable()
export class CompareNamespace {
  constructor(
    @Inject(EnvironmentGateway) private readonly gateway: EnvironmentGateway,
    @Inject(TargetAccess) private readonly access: TargetAccess,
  ) {}

  async execute(
    signedIn: SignedInUser,
    source: NamespaceAddress,
    targets: Place[],
  ): Promise<NamespaceComparison> {
    const actor = await this.access.actorOf(signedIn);
    const places = targets.map((t) => ({ env: this.gateway.resolve(t.env), cluster: t.cluster }));
    const [sourceRead, ...targetReads] = await Promise.all([
      readNamespace(this.gateway, source),
      ...places.map((p) => readNamespace(this.gateway, { ...source, env: p.env, cluster: p.cluster })),
    ]);
    const sourcePlace = { env: source.env, cluster: source.cluster };
    if (sourceRead!.status !== 'ok') {
      return {
        source: { ...sourcePlace, status: sourceRead!.status, reason: sourceRead!.reason },
        targets: places.map((p) => ({ ...p, status: 'failed', reason: 'the source could not be read' })),
      };
    }
    const sourceItems = sourceRead!.namespace.items;
    const sourceHidden = this.access.valuesHidden(actor, source.appId, source.env);
    return {
      source: { ...sourcePlace, status: 'ok' },
      targets: places.map((place, i): TargetComparison => {
        const read = targetReads[i]!;
        if (read.status !== 'ok') return { ...place, status: read.status, reason: read.reason };
        const valuesHidden = sourceHidden || this.access.valuesHidden(actor, source.appId, place.env);
        const entries = compareItems(sourceItems, read.namespace.items, valuesHidden);
        const counts: Record<string, number> = {};
        for (const entry of entries) counts[entry.status] = (counts[entry.status] ?? 0) + 1;
        return { ...place, status: 'ok', valuesHidden, entries, counts };
      }),
    };
  }
}
