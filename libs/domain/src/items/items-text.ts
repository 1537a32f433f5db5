import { DomainError, isDomainError } from '../errors/domain-error';
import type { NamespaceFormat } from '../formats/namespace-format';
import { escapePropertiesKey, escapePropertiesValue, parseProperties } from '../formats/properties';
import { DEFAULT_ITEM_LIMITS, type ItemDraft, type ItemLimits } from './item-draft';
import { CONTENT_KEY, validateItemDraft, type DraftCheckOptions } from './validate-item';

/** Adds the editor line to an item error, so the user knows which line to fix. */
function atLine<T>(line: number, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (isDomainError(error, 'VALIDATION_FAILED')) {
      throw new DomainError(error.code, `line ${line}: ${error.message}`, { ...error.details, line });
    }
    throw error;
  }
}

function propertiesItemsFromText(text: string, limits: ItemLimits): ItemDraft[] {
  const entries = parseProperties(text);
  const keyedCount = entries.filter((entry) => entry.kind === 'item').length;
  if (keyedCount > limits.maxItemsPerNamespace) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `the text has ${keyedCount} items, more than the ${limits.maxItemsPerNamespace} a namespace may hold`,
      { field: 'configText', count: keyedCount, limit: limits.maxItemsPerNamespace },
    );
  }
  const firstLineOfKey = new Map<string, number>();
  return entries.map((entry, index): ItemDraft => {
    const lineNum = index + 1;
    switch (entry.kind) {
      case 'blank':
        return { key: '', value: '', comment: '', lineNum };
      case 'comment':
        atLine(entry.line, () => {
          if (entry.text.length > limits.maxCommentLength) {
            throw new DomainError(
              'VALIDATION_FAILED',
              `comment is longer than ${limits.maxCommentLength} characters`,
              {
                field: 'comment',
                length: entry.text.length,
                limit: limits.maxCommentLength,
              },
            );
          }
        });
        return { key: '', value: '', comment: entry.text, lineNum };
      case 'item': {
        const earlier = firstLineOfKey.get(entry.key);
        if (earlier !== undefined) {
          throw new DomainError(
            'VALIDATION_FAILED',
            `key "${entry.key}" appears twice, at lines ${earlier} and ${entry.line}`,
            {
              field: 'configText',
              key: entry.key,
              lines: [earlier, entry.line],
            },
          );
        }
        firstLineOfKey.set(entry.key, entry.line);
        const draft = { key: entry.key, value: entry.value, comment: '', lineNum };
        atLine(entry.line, () => validateItemDraft('properties', draft, limits));
        return draft;
      }
    }
  });
}

/**
 * Turns an editor text into the rows to store. Properties text becomes one row per line (comments
 * keep their `#`/`!` marker, blank lines have an empty comment); any other format is one `content` row.
 */
export function itemsFromText(
  format: NamespaceFormat,
  text: string,
  limits: ItemLimits = DEFAULT_ITEM_LIMITS,
  options: DraftCheckOptions = {},
): ItemDraft[] {
  if (format === 'properties') return propertiesItemsFromText(text, limits);
  const draft: ItemDraft = { key: CONTENT_KEY, value: text, comment: '', lineNum: 1 };
  validateItemDraft(format, draft, limits, options);
  return [draft];
}

function propertiesLine(item: ItemDraft): string {
  if (item.key !== '') return `${escapePropertiesKey(item.key)} = ${escapePropertiesValue(item.value)}`;
  if (item.comment === '') return '';
  // Rows written by Apollo keep the marker; a bare comment text still has to read back as a comment.
  return item.comment.startsWith('#') || item.comment.startsWith('!') ? item.comment : `# ${item.comment}`;
}

/** The editor text of stored rows: the inverse of itemsFromText. */
export function itemsToText(format: NamespaceFormat, items: ItemDraft[]): string {
  if (format !== 'properties') return items.find((item) => item.key === CONTENT_KEY)?.value ?? '';
  return [...items]
    .sort((a, b) => a.lineNum - b.lineNum)
    .map(propertiesLine)
    .join('\n');
}
