import { DomainError } from '../errors/domain-error';
import type { ConfigurationDiff } from '../releases/compare-configurations';

/** Apollo's gray rule item: a client app and the IPs or labels of its instances; `*` means all. */
export interface GrayRuleItem {
  clientAppId: string;
  clientIpList: string[];
  clientLabelList: string[];
}

export interface GrayClient {
  appId: string;
  ip?: string;
  label?: string;
}

export const ALL = '*';
const MAX_RULE_ITEMS = 100;
const MAX_LIST = 1000;

/** An item matches when the app id is equal (ignoring case) and the IP or the label is listed. */
export function matchesGrayRules(items: readonly GrayRuleItem[], client: GrayClient): boolean {
  return items.some((item) => {
    if (item.clientAppId.toLowerCase() !== client.appId.toLowerCase()) return false;
    const ipMatch =
      item.clientIpList.includes(ALL) || (client.ip !== undefined && item.clientIpList.includes(client.ip));
    const labelMatch =
      item.clientLabelList.includes(ALL) ||
      (client.label !== undefined && client.label !== '' && item.clientLabelList.includes(client.label));
    return ipMatch || labelMatch;
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
    const rule = {
      clientAppId: item.clientAppId.trim(),
      clientIpList: list(item.clientIpList, 'clientIpList'),
      clientLabelList: list(item.clientLabelList, 'clientLabelList'),
    };
    if (rule.clientIpList.length === 0 && rule.clientLabelList.length === 0) {
      throw new DomainError('VALIDATION_FAILED', `ruleItems[${index}] must list IPs or labels (or "*")`, {
        field: `ruleItems[${index}]`,
      });
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
