import { DomainError } from '../errors/domain-error';
import type { ConfigurationDiff } from '../releases/compare-configurations';
import { inPercentage, isValidPercentage, stickyBucket } from '../rollouts/sticky-bucket';

/**
 * Apollo's gray rule item: a client app and the IPs or labels of its instances; `*` means all.
 * Houston adds `percentage`: a sticky share of the app's instances (see `stickyBucket`), what a
 * progressive rollout widens step by step.
 */
export interface GrayRuleItem {
  clientAppId: string;
  clientIpList: string[];
  clientLabelList: string[];
  /** 0–100 (two decimals at most): the instances whose bucket falls below it match. */
  percentage?: number;
}

export interface GrayClient {
  appId: string;
  ip?: string;
  label?: string;
}

export const ALL = '*';
const MAX_RULE_ITEMS = 100;
const MAX_LIST = 1000;

/**
 * An item matches when the app id is equal (ignoring case) and the IP or the label is listed, or
 * the client's sticky bucket (salted with `salt`, the branch name) is inside the item's
 * percentage. A client without an IP has no identity to bucket and matches no percentage.
 */
export function matchesGrayRules(items: readonly GrayRuleItem[], client: GrayClient, salt = ''): boolean {
  return items.some((item) => {
    if (item.clientAppId.toLowerCase() !== client.appId.toLowerCase()) return false;
    const ipMatch =
      item.clientIpList.includes(ALL) || (client.ip !== undefined && item.clientIpList.includes(client.ip));
    const labelMatch =
      item.clientLabelList.includes(ALL) ||
      (client.label !== undefined && client.label !== '' && item.clientLabelList.includes(client.label));
    const percentageMatch =
      item.percentage !== undefined &&
      client.ip !== undefined &&
      client.ip !== '' &&
      inPercentage(stickyBucket(salt, client.appId, client.ip), item.percentage);
    return ipMatch || labelMatch || percentageMatch;
  });
}

/** Validates rule items from the admin API: every field a list of short strings, bounded in number. */
export function validateGrayRules(input: unknown): GrayRuleItem[] {
  if (!Array.isArray(input))
    throw new DomainError('VALIDATION_FAILED', 'ruleItems must be an array', { field: 'ruleItems' });
  if (input.length > MAX_RULE_ITEMS) {
    throw new DomainError('VALIDATION_FAILED', `at most ${MAX_RULE_ITEMS} rule items`, {
      field: 'ruleItems',
    });
  }
  return input.map((raw, index) => {
    const item = raw as Partial<GrayRuleItem> | null;
    const list = (value: unknown, field: string): string[] => {
      if (value === undefined) return [];
      if (
        !Array.isArray(value) ||
        value.length > MAX_LIST ||
        value.some((v) => typeof v !== 'string' || v.length === 0 || v.length > 64)
      ) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `ruleItems[${index}].${field} must be a list of at most ${MAX_LIST} non-empty strings`,
          {
            field: `ruleItems[${index}].${field}`,
          },
        );
      }
      return [...new Set(value as string[])];
    };
    if (!item || typeof item.clientAppId !== 'string' || item.clientAppId.trim() === '') {
      throw new DomainError('VALIDATION_FAILED', `ruleItems[${index}].clientAppId is required`, {
        field: `ruleItems[${index}].clientAppId`,
      });
    }
    const rule: GrayRuleItem = {
      clientAppId: item.clientAppId.trim(),
      clientIpList: list(item.clientIpList, 'clientIpList'),
      clientLabelList: list(item.clientLabelList, 'clientLabelList'),
    };
    if (item.percentage !== undefined && item.percentage !== null) {
      if (!isValidPercentage(item.percentage)) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `ruleItems[${index}].percentage must be a number from 0 to 100 with at most two decimals`,
          { field: `ruleItems[${index}].percentage` },
        );
      }
      rule.percentage = item.percentage;
    }
    if (
      rule.clientIpList.length === 0 &&
      rule.clientLabelList.length === 0 &&
      rule.percentage === undefined
    ) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `ruleItems[${index}] must list IPs or labels (or "*"), or give a percentage`,
        { field: `ruleItems[${index}]` },
      );
    }
    return rule;
  });
}

/**
 * A branch's changes carried onto a new base: keys the branch added or modified keep the branch's
 * values, keys it deleted stay deleted, everything else follows the new base. This is how a gray
 * release inherits later main releases (Apollo's "merge to gray") and how a merge lands on main.
 */
export function applyConfigurationDiff(
  base: Readonly<Record<string, string>>,
  diff: ConfigurationDiff,
): Record<string, string> {
  const result: Record<string, string> = { ...base };
  for (const { key, value } of diff.added) result[key] = value;
  for (const { key, newValue } of diff.modified) result[key] = newValue;
  for (const { key } of diff.deleted) delete result[key];
  return result;
}
