import {
  assertNotSecretEnvelope,
  configurationsOf,
  decryptSecret,
  diffItems,
  DomainError,
  encryptSecret,
  isSecretEnvelope,
  SECRET_MASK,
  itemsFromText,
  validateItemDraft,
  type ExistingItem,
  type ItemDraft,
  type NamespaceFormat,
} from '@houston/domain';
import type { ItemEntity } from '@houston/entities';
import { isUniqueViolation, type ItemRow, type RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import {
  locateNamespace,
  namespaceMissing,
  type LocatedNamespace,
  type NamespaceAddress,
} from '../namespaces/namespace-locator';
import { takeNamespaceLock } from '../namespaces/namespace-lock';
import { parseConfigurations } from '../releases/release.mapper';
import { enforceSchema } from '../schemas/enforce-schema';
import { committed, emptyChangeSets, type CommitChangeSets } from './commit-change-sets';
import type { ItemChangeSummaryDto, ItemDto } from './item.dto';
import { toItemDto, toRevealedItemDto } from './item.mapper';

export interface ItemEdit {
  value: string;
  comment?: string;
  /** Store encrypted; absent: as secret as the item was. */
  secret?: boolean;
  /** The version the caller read; absent means "the one on the server now". */
  version?: number;
}

function concurrentModification(key: string, expected: number, actual?: number): DomainError {
  return new DomainError(
    'CONCURRENT_MODIFICATION',
    `item ${key} was changed by someone else since version ${expected}; reload it and apply your change again`,
    { key, expectedVersion: expected, actualVersion: actual },
  );
}

/** A batch wrote fewer rows than it read: another writer got in, which the namespace lock should prevent. */
function changedMeanwhile(namespace: string): DomainError {
  return new DomainError(
    'CONCURRENT_MODIFICATION',
    `items of ${namespace} were changed by someone else during this edit; reload and edit again`,
    { namespace },
  );
}

function alreadyExists(key: string): DomainError {
  return new DomainError('ALREADY_EXISTS', `item ${key} already exists; update it instead`, { key });
}

/**
 * Item edits. Each runs in one transaction that holds the namespace row, writes the items, a
 * Commit with the change set and an Audit row; an update names the version it read, so two
 * editors cannot silently overwrite each other.
 */
@Injectable()
export class ItemService {
  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {}

  private get database() {
    return this.options.database;
  }

  /**
   * Runs an edit in one transaction that first locks the namespace row. The path is resolved
   * before the transaction; inside it, the lock is the first statement and every read comes
   * after it, so the edit decides on what the previous editor committed.
   */
  private async inNamespace<T>(
    address: NamespaceAddress,
    operator: string,
    work: (repos: RepositoryPorts, located: LocatedNamespace) => Promise<T>,
  ): Promise<T> {
    const found = await locateNamespace(this.database.repos, address);
    return this.database.transaction(async (repos) => {
      const namespace = await repos.namespaces.lockForUpdate(found.namespace.id);
      if (!namespace) throw namespaceMissing(address);
      const located = { ...found, namespace };
      if (this.options.governance.namespaceLock) await takeNamespaceLock(repos, located, operator);
      return work(repos, located);
    });
  }

  /**
   * What is written for a value: the envelope when secret, so that the clear value never reaches
   * the item row, the commit's change sets, the release or an audit row. Checks (lengths,
   * schema) run on the clear value before this.
   */
  private stored(value: string, secret: boolean): string {
    if (!secret) {
      assertNotSecretEnvelope(value);
      return value;
    }
    if (!this.options.secretKeys)
      throw new DomainError(
        'UNAVAILABLE',
        'secret values need master keys: set HOUSTON_SECRET_KEYS (or HOUSTON_SECRET_KEY_FILE) on the admin-service',
      );
    return encryptSecret(value, this.options.secretKeys);
  }

  /** Refuses (503) to make anything secret without master keys, as a secret item is refused. */
  assertCanSeal(): void {
    this.stored('', true);
  }

  /** Whether a write makes the item secret: a secret namespace's always do (a clear one is refused). */
  private secrecy(located: LocatedNamespace, asked: boolean | undefined, key: string): boolean | undefined {
    if (!located.definition.isSecret) return asked;
    if (asked === false)
      throw new DomainError(
        'VALIDATION_FAILED',
        `namespace ${located.definition.name} is secret: item ${key} cannot be made clear`,
        { field: 'secret', key },
      );
    return true;
  }

  /** Every clear item of the namespace encrypted, as one commit: it was just marked secret. */
  async sealAll(repos: RepositoryPorts, located: LocatedNamespace, operator: string): Promise<void> {
    const items = (await repos.items.listByNamespace(located.namespace.id)).filter((item) => item.key !== '');
    if (items.every((item) => isSecretEnvelope(item.value))) return;
    await this.replaceConfigurations(
      repos,
      located,
      Object.fromEntries(
        items.map((item) => [
          item.key,
          isSecretEnvelope(item.value) ? item.value : this.stored(item.value, true),
        ]),
      ),
      operator,
      'namespace marked secret',
    );
  }

  /**
   * A text edit names values, not secrecy: a key that is secret stays secret. Its masked value,
   * which is what the text view shows, means "unchanged"; any other value is encrypted before it
   * is stored, so a text edit never writes a secret in clear.
   */
  private sealSecretDrafts(existing: ItemRow[], drafts: ItemDraft[], everyKey = false): ItemDraft[] {
    const sealedByKey = new Map(
      existing
        .filter((item) => item.key !== '' && isSecretEnvelope(item.value))
        .map((item) => [item.key, item.value]),
    );
    if (sealedByKey.size === 0 && !everyKey) return drafts;
    return drafts.map((draft) => {
      const sealed = draft.key ? sealedByKey.get(draft.key) : undefined;
      // In a secret namespace a new key is sealed too.
      if (sealed === undefined && !(everyKey && draft.key)) return draft;
      return {
        ...draft,
        value: draft.value === SECRET_MASK && sealed !== undefined ? sealed : this.stored(draft.value, true),
      };
    });
  }

  private format(located: LocatedNamespace): NamespaceFormat {
    return located.definition.format as NamespaceFormat;
  }

  /**
   * Refuses an edit whose result does not match the namespace's schema (422), checked on the
   * whole configuration the edit leaves behind: a single item can break a `required` or a rule
   * across keys. Only read when the namespace has a schema.
   */
  private async enforceSchemaAfter(
    repos: RepositoryPorts,
    located: LocatedNamespace,
    what: string,
    change: (current: Record<string, string>) => Record<string, string>,
  ): Promise<void> {
    await enforceSchema(repos, this.options.documents, located.definition, what, async () =>
      change(configurationsOf(await repos.items.listByNamespace(located.namespace.id))),
    );
  }

  /**
   * Parses a yaml/json/xml document before the transaction, through the document checker (a
   * worker thread in the servers): a large or hostile document neither blocks the event loop nor
   * holds the namespace lock while it is parsed. A namespace's format never changes, so reading
   * it outside the transaction is safe; the draft checks inside then skip the parse.
   */
  private async checkDocument(address: NamespaceAddress, value: unknown): Promise<void> {
    if (typeof value !== 'string') return;
    const format = this.format(await locateNamespace(this.database.repos, address));
    if (format === 'properties' || format === 'txt') return;
    // Too long is refused inside, with the limit in the message.
    if (value.length > this.options.limits.maxDocumentLength) return;
    await this.options.documents.check(format, value);
  }

  private async commit(
    repos: RepositoryPorts,
    located: LocatedNamespace,
    changes: CommitChangeSets,
    operator: string,
  ): Promise<number> {
    const commit = await repos.commits.insert({
      appId: located.namespace.appId,
      clusterName: located.namespace.clusterName,
      namespaceName: located.namespace.namespaceName,
      changeSets: JSON.stringify(changes),
      createdBy: operator,
      lastModifiedBy: operator,
    });
    return commit.id;
  }

  async list(address: NamespaceAddress, page: number, size: number): Promise<ItemDto[]> {
    const repos = this.database.repos;
    const located = await locateNamespace(repos, address);
    const items = (await repos.items.listByNamespace(located.namespace.id)).filter((item) => item.key !== '');
    return items.slice(page * size, page * size + size).map(toItemDto);
  }

  async get(address: NamespaceAddress, key: string): Promise<ItemDto> {
    const repos = this.database.repos;
    const located = await locateNamespace(repos, address);
    const item = await repos.items.findByKey(located.namespace.id, key);
    if (!item)
      throw new DomainError('NOT_FOUND', `item ${key} does not exist in ${address.namespace}`, { key });
    return toItemDto(item);
  }

  /**
   * The clear value of a secret item, for a caller that asked for it explicitly (the portal
   * forwards the request only for users allowed to reveal). Every reveal is an audit row.
   */
  async reveal(address: NamespaceAddress, key: string, operator: string): Promise<ItemDto> {
    const repos = this.database.repos;
    const located = await locateNamespace(repos, address);
    const item = await repos.items.findByKey(located.namespace.id, key);
    if (!item)
      throw new DomainError('NOT_FOUND', `item ${key} does not exist in ${address.namespace}`, { key });
    if (!isSecretEnvelope(item.value)) return toItemDto(item);
    if (!this.options.secretKeys)
      throw new DomainError(
        'UNAVAILABLE',
        'revealing a secret needs HOUSTON_SECRET_KEYS on the admin-service',
      );
    const clear = decryptSecret(item.value, this.options.secretKeys);
    await repos.audits.record('Item', item.id, 'REVEAL', operator, `revealed ${key}`);
    return toRevealedItemDto(item, clear);
  }

  async create(
    address: NamespaceAddress,
    draft: { key: string; value: string; comment?: string; secret?: boolean },
    operator: string,
  ): Promise<ItemDto> {
    await this.checkDocument(address, draft.value);
    return this.inNamespace(address, operator, async (repos, located) => {
      const created = await this.insertItem(repos, located, draft, operator);
      return toItemDto(created);
    });
  }

  private async insertItem(
    repos: RepositoryPorts,
    located: LocatedNamespace,
    draft: { key: string; value: string; comment?: string; secret?: boolean },
    operator: string,
  ): Promise<ItemEntity> {
    const comment = draft.comment ?? '';
    validateItemDraft(
      this.format(located),
      { key: draft.key, value: draft.value, comment },
      this.options.limits,
      { documentChecked: true },
    );
    if (await repos.items.findByKey(located.namespace.id, draft.key)) throw alreadyExists(draft.key);
    await this.enforceSchemaAfter(repos, located, `item ${draft.key}`, (current) => ({
      ...current,
      [draft.key]: draft.value,
    }));
    const keyed = await repos.items.countKeyed(located.namespace.id);
    if (keyed >= this.options.limits.maxItemsPerNamespace) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `a namespace holds at most ${this.options.limits.maxItemsPerNamespace} items`,
        {
          limit: this.options.limits.maxItemsPerNamespace,
        },
      );
    }
    const lineNum = (await repos.items.maxLineNum(located.namespace.id)) + 1;
    const row = {
      namespaceId: located.namespace.id,
      key: draft.key,
      value: this.stored(draft.value, this.secrecy(located, draft.secret, draft.key) ?? false),
      comment,
      lineNum,
      createdBy: operator,
      lastModifiedBy: operator,
    };
    // The unique key over live items is the last word should the check above ever be bypassed.
    const [created] = await repos.items.insertMany([row]).catch((error: unknown) => {
      throw isUniqueViolation(error) ? alreadyExists(draft.key) : error;
    });
    const changes = emptyChangeSets();
    changes.createItems.push(committed(created!));
    await this.commit(repos, located, changes, operator);
    await repos.audits.record('Item', created!.id, 'INSERT', operator);
    return created!;
  }

  async update(
    address: NamespaceAddress,
    key: string,
    edit: ItemEdit,
    operator: string,
    createIfNotExists = false,
  ): Promise<ItemDto> {
    await this.checkDocument(address, edit.value);
    return this.inNamespace(address, operator, async (repos, located) => {
      const item = await repos.items.findByKey(located.namespace.id, key);
      if (!item) {
        if (!createIfNotExists)
          throw new DomainError('NOT_FOUND', `item ${key} does not exist in ${address.namespace}`, { key });
        return toItemDto(
          await this.insertItem(
            repos,
            located,
            { key, value: edit.value, comment: edit.comment, secret: edit.secret },
            operator,
          ),
        );
      }
      const comment = edit.comment ?? item.comment;
      validateItemDraft(this.format(located), { key, value: edit.value, comment }, this.options.limits, {
        documentChecked: true,
      });
      const expected = edit.version ?? item.version;
      if (expected !== item.version) throw concurrentModification(key, expected, item.version);
      await this.enforceSchemaAfter(repos, located, `item ${key}`, (current) => ({
        ...current,
        [key]: edit.value,
      }));
      const secret = this.secrecy(located, edit.secret, key) ?? isSecretEnvelope(item.value);
      // The mask sent back (a form that changed only the comment) keeps the secret as it was.
      const unchanged = secret && isSecretEnvelope(item.value) && edit.value === SECRET_MASK;
      const value = unchanged ? item.value : this.stored(edit.value, secret);
      const updated = await repos.items.updateIfVersion(item.id, expected, {
        value,
        comment,
        lineNum: item.lineNum,
        lastModifiedBy: operator,
      });
      if (!updated) throw concurrentModification(key, expected);
      const after = { ...item, value, comment };
      const changes = emptyChangeSets();
      changes.updateItems.push({ oldItem: committed(item), newItem: committed(after) });
      await this.commit(repos, located, changes, operator);
      await repos.audits.record('Item', item.id, 'UPDATE', operator);
      const reloaded = await repos.items.findByKey(located.namespace.id, key);
      return toItemDto(reloaded!);
    });
  }

  async delete(address: NamespaceAddress, key: string, operator: string, version?: number): Promise<void> {
    await this.inNamespace(address, operator, async (repos, located) => {
      const item = await repos.items.findByKey(located.namespace.id, key);
      if (!item)
        throw new DomainError('NOT_FOUND', `item ${key} does not exist in ${address.namespace}`, { key });
      const expected = version ?? item.version;
      if (expected !== item.version) throw concurrentModification(key, expected, item.version);
      await this.enforceSchemaAfter(repos, located, `deleting item ${key}`, (current) => {
        const after = { ...current };
        delete after[key];
        return after;
      });
      if (!(await repos.items.softDeleteIfVersion(item.id, expected, operator)))
        throw concurrentModification(key, expected);
      const changes = emptyChangeSets();
      changes.deleteItems.push(committed(item));
      await this.commit(repos, located, changes, operator);
      await repos.audits.record('Item', item.id, 'DELETE', operator);
    });
  }

  /**
   * Replaces the namespace's items with what the text says: one change set (created, updated,
   * deleted), all or nothing. A `revision` from an earlier read refuses to overwrite newer edits.
   */
  async replaceWithText(
    address: NamespaceAddress,
    configText: string,
    operator: string,
    revision?: number,
    comments: Record<string, string> = {},
  ): Promise<ItemChangeSummaryDto> {
    await this.checkDocument(address, configText);
    return this.inNamespace(address, operator, async (repos, located) => {
      const drafts = itemsFromText(this.format(located), configText, this.options.limits, {
        documentChecked: true,
      });
      checkTextComments(drafts, comments, this.options.limits.maxCommentLength);
      const ns = located.namespace;
      const current = await repos.commits.latestId(ns.appId, ns.clusterName, ns.namespaceName);
      if (revision !== undefined && revision !== current) {
        throw new DomainError(
          'CONCURRENT_MODIFICATION',
          `namespace changed since revision ${revision} (now ${current}); reload and edit again`,
          {
            expectedRevision: revision,
            actualRevision: current,
          },
        );
      }
      await enforceSchema(repos, this.options.documents, located.definition, 'the text', () =>
        configurationsOf(drafts),
      );
      const existing = await repos.items.listForEdit(ns.id);
      // Text carries no per-item comments; like Apollo, a text edit keeps the ones set through the API.
      const commentOf = new Map(
        existing.filter((item) => item.key !== '').map((item) => [item.key, item.comment]),
      );
      const withComments = drafts.map((draft) => {
        if (!draft.key || draft.comment) return draft;
        const given = Object.hasOwn(comments, draft.key) ? comments[draft.key] : undefined;
        return { ...draft, comment: given ?? commentOf.get(draft.key) ?? '' };
      });
      return this.applyDrafts(
        repos,
        located,
        existing,
        this.sealSecretDrafts(existing, withComments, located.definition.isSecret),
        operator,
        'text edit',
        current,
      );
    });
  }

  /**
   * Throws away unreleased edits: the items go back to the active release (comment lines stay),
   * in one change, and the namespace lock is freed. Only the lock holder may do it while locked.
   */
  async revokeUnreleased(address: NamespaceAddress, operator: string): Promise<ItemChangeSummaryDto> {
    return this.inNamespace(address, operator, async (repos, located) => {
      const ns = located.namespace;
      const ref = { appId: ns.appId, clusterName: ns.clusterName, namespaceName: ns.namespaceName };
      const release = await repos.releases.findLatestActive(ref);
      const released = release ? parseConfigurations(release.configurations) : {};
      const summary = await this.replaceConfigurations(
        repos,
        located,
        released,
        operator,
        'revoke unreleased changes',
      );
      await repos.namespaceLocks.delete(ns.id);
      return summary;
    });
  }

  /**
   * Inside a caller's transaction (holding the namespace row): makes the keyed items equal to
   * `configurations`, keeping comment lines and the positions of keys that stay. Used to revoke
   * edits and to carry a gray branch's changes onto main (and main's onto the branch).
   */
  async replaceConfigurations(
    repos: RepositoryPorts,
    located: LocatedNamespace,
    configurations: Record<string, string>,
    operator: string,
    comment: string,
  ): Promise<ItemChangeSummaryDto> {
    const ns = located.namespace;
    const existing = await repos.items.listForEdit(ns.id);
    const byKey = new Map(existing.filter((item) => item.key !== '').map((item) => [item.key, item]));
    let nextLine = existing.reduce((max, item) => Math.max(max, item.lineNum), 0);
    const drafts: ItemDraft[] = existing
      .filter((item) => item.key === '')
      .map(({ key, value, comment: text, lineNum }) => ({ key, value, comment: text, lineNum }));
    for (const [key, value] of Object.entries(configurations)) {
      const kept = byKey.get(key);
      drafts.push({ key, value, comment: kept?.comment ?? '', lineNum: kept?.lineNum ?? ++nextLine });
    }
    const current = await repos.commits.latestId(ns.appId, ns.clusterName, ns.namespaceName);
    return this.applyDrafts(repos, located, existing, drafts, operator, comment, current);
  }

  /** Makes the namespace's items what `drafts` say, as one commit; each write checks the version it read. */
  private async applyDrafts(
    repos: RepositoryPorts,
    located: LocatedNamespace,
    existing: ItemRow[],
    drafts: ItemDraft[],
    operator: string,
    comment: string,
    currentRevision: number,
  ): Promise<ItemChangeSummaryDto> {
    const ns = located.namespace;
    const changeSet = diffItems(existing as ExistingItem[], drafts);
    const byId = new Map(existing.map((item) => [item.id, item]));
    const changes = emptyChangeSets();

    // One diff, then a few batched statements: a 10,000-key edit is about ten round trips per
    // kind of change instead of one per key. Deletes go first: no key is ever live on two rows.
    const deleted = changeSet.delete.map((removed) => byId.get(removed.id)!);
    const deletedCount = await repos.items.softDeleteBatch(
      deleted.map((item) => ({ id: item.id, expectedVersion: item.version })),
      operator,
    );
    if (deletedCount !== deleted.length) throw changedMeanwhile(ns.namespaceName);
    changes.deleteItems.push(...deleted.filter((item) => item.key !== '').map(committed));

    const rewrites = changeSet.update.map(({ id, after }) => ({
      id,
      expectedVersion: byId.get(id)!.version,
      value: after.value,
      comment: after.comment,
      lineNum: after.lineNum,
    }));
    if ((await repos.items.rewriteBatch(rewrites, operator)) !== rewrites.length)
      throw changedMeanwhile(ns.namespaceName);
    for (const { id, after } of changeSet.update) {
      const item = byId.get(id)!;
      if (item.value !== after.value || item.comment !== after.comment) {
        changes.updateItems.push({ oldItem: committed(item), newItem: committed(after) });
      }
    }

    await repos.items.insertBatch(
      changeSet.create.map((draft) => ({
        namespaceId: ns.id,
        ...draft,
        createdBy: operator,
        lastModifiedBy: operator,
      })),
    );
    changes.createItems.push(...changeSet.create.filter((draft) => draft.key !== '').map(committed));

    const touched = changeSet.create.length + changeSet.update.length + changeSet.delete.length;
    const newRevision = touched > 0 ? await this.commit(repos, located, changes, operator) : currentRevision;
    if (touched > 0) await repos.audits.record('Namespace', ns.id, 'UPDATE', operator, comment);
    return {
      created: changes.createItems.length,
      updated: changes.updateItems.length,
      deleted: changes.deleteItems.length,
      revision: newRevision,
    };
  }
}

/** Comments sent with a text name keys of that text, as strings no longer than an item's comment. */
function checkTextComments(drafts: ItemDraft[], comments: Record<string, string>, maxLength: number): void {
  const keys = new Set(drafts.filter((draft) => draft.key !== '').map((draft) => draft.key));
  for (const [key, comment] of Object.entries(comments)) {
    if (!keys.has(key)) {
      throw new DomainError('VALIDATION_FAILED', `comments name ${key}, which the text does not have`, {
        field: 'comments',
        key,
      });
    }
    if (typeof comment !== 'string' || comment.length > maxLength) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `the comment of ${key} must be text of at most ${maxLength} characters`,
        {
          field: 'comments',
          key,
        },
      );
    }
  }
}
