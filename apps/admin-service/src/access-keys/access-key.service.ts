import {
  ACCESS_KEY_MODE,
  type AccessKeyMode,
  checkSecretRelease,
  DomainError,
  generateAccessKeySecret,
  MAX_ACCESS_KEYS_PER_APP,
  maskSecret,
} from '@houston/domain';
import type { AccessKeyEntity } from '@houston/entities';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { auditFields } from '../common/audit-fields';
import { locateApp } from '../namespaces/namespace-locator';
import { parseConfigurations } from '../releases/release.mapper';
import type { AccessKeyDto, CreatedAccessKeyDto } from './access-key.dto';

function toDto(key: AccessKeyEntity, revealSecret = false): AccessKeyDto {
  return {
    id: key.id,
    appId: key.appId,
    secret: revealSecret ? key.secret : maskSecret(key.secret),
    isEnabled: key.isEnabled,
    mode: key.mode,
    ...auditFields(key),
  };
}

/**
 * Apollo's access keys: at most five per app, created disabled, enabled to make config-service
 * require signed requests. A key must be disabled before it can be deleted, so that a rotation
 * never locks clients out by accident.
 */
@Injectable()
export class AccessKeyService {
  constructor(@Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions) {}

  private get database() {
    return this.options.database;
  }

  async list(appId: string): Promise<AccessKeyDto[]> {
    await locateApp(this.database.repos, appId);
    return (await this.database.repos.accessKeys.listByApp(appId)).map((key) => toDto(key));
  }

  async create(appId: string, operator: string): Promise<CreatedAccessKeyDto> {
    const created = await this.database.transaction(async (repos) => {
      await locateApp(repos, appId);
      if ((await repos.accessKeys.listByApp(appId)).length >= MAX_ACCESS_KEYS_PER_APP) {
        throw new DomainError(
          'CONFLICT',
          `an app has at most ${MAX_ACCESS_KEYS_PER_APP} access keys; delete one first`,
          {
            appId,
            limit: MAX_ACCESS_KEYS_PER_APP,
          },
        );
      }
      const key = await repos.accessKeys.insert({
        appId,
        secret: generateAccessKeySecret(),
        isEnabled: false,
        createdBy: operator,
        lastModifiedBy: operator,
      });
      await repos.audits.record('AccessKey', key.id, 'INSERT', operator);
      return key;
    });
    return toDto(created, true);
  }

  /**
   * Enables the key in `mode` (FILTER enforces, OBSERVER only reports), or disables it. A change
   * that leaves the app without an enabled FILTER key while clients are served secrets of it is
   * refused (409 ACCESS_KEY_REQUIRED), as a release of secrets would be, unless
   * `allowSecretsWithoutAccessKey` (recorded in the audit row).
   */
  async setEnabled(
    appId: string,
    id: number,
    enabled: boolean,
    operator: string,
    mode?: AccessKeyMode,
    allowSecretsWithoutAccessKey = false,
  ): Promise<AccessKeyDto> {
    const updated = await this.database.transaction(async (repos) => {
      const key = await this.find(repos, appId, id);
      const newMode = enabled ? mode : undefined;
      const after = (await repos.accessKeys.lockByApp(appId))
        .map((k) => (k.id === key.id ? { ...k, isEnabled: enabled, mode: newMode ?? k.mode } : k))
        .filter((k) => k.isEnabled)
        .map((k) => k.mode);
      let overridden = false;
      if (!after.includes(ACCESS_KEY_MODE.FILTER)) {
        for (const release of await repos.releases.activeWithSecretsOfApp(appId)) {
          const check = checkSecretRelease(
            appId,
            parseConfigurations(release.configurations),
            after,
            allowSecretsWithoutAccessKey,
          );
          overridden ||= check.overridden;
        }
      }
      await repos.accessKeys.setEnabled(key.id, enabled, operator, newMode);
      const change = enabled ? `enable mode=${newMode ?? key.mode}` : 'disable';
      await repos.audits.record(
        'AccessKey',
        key.id,
        'UPDATE',
        operator,
        overridden ? `${change} (live secrets left without an access key)` : change,
      );
      return { ...key, isEnabled: enabled, mode: newMode ?? key.mode };
    });
    return toDto(updated as AccessKeyEntity);
  }

  async delete(appId: string, id: number, operator: string): Promise<void> {
    await this.database.transaction(async (repos) => {
      const key = await this.find(repos, appId, id);
      if (key.isEnabled) {
        throw new DomainError('CONFLICT', 'disable the access key before deleting it', { appId, id });
      }
      await repos.accessKeys.softDelete(key.id, operator);
      await repos.audits.record('AccessKey', key.id, 'DELETE', operator);
    });
  }

  private async find(repos: typeof this.database.repos, appId: string, id: number): Promise<AccessKeyEntity> {
    await locateApp(repos, appId);
    const key = await repos.accessKeys.findById(appId, id);
    if (!key)
      throw new DomainError('NOT_FOUND', `access key ${id} of app ${appId} does not exist`, { appId, id });
    return key;
  }
}
