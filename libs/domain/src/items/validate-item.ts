import { DomainError } from '../errors/domain-error';
import type { NamespaceFormat } from '../formats/namespace-format';
import { validateDocument } from '../formats/validate-document';
import { DEFAULT_ITEM_LIMITS, type ItemLimits } from './item-draft';

/** Non-properties namespaces hold the whole file in this single item, as in Apollo. */
export const CONTENT_KEY = 'content';

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function validateItemKey(key: string, limits: ItemLimits = DEFAULT_ITEM_LIMITS): void {
  if (typeof key !== 'string' || key.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'item key is required', { field: 'key', key });
  }
  if (key.length > limits.maxKeyLength) {
    throw new DomainError('VALIDATION_FAILED', `item key is longer than ${limits.maxKeyLength} characters`, {
      field: 'key',
      key,
      length: key.length,
      limit: limits.maxKeyLength,
    });
  }
  if (CONTROL_CHARACTERS.test(key)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `item key "${key}" contains a control character or line break`,
      {
        field: 'key',
        key,
      },
    );
  }
  if (key.trim() !== key) {
    throw new DomainError('VALIDATION_FAILED', `item key "${key}" starts or ends with whitespace`, {
      field: 'key',
      key,
    });
  }
}

function checkLength(field: 'value' | 'comment', key: string, text: string, limit: number): void {
  // Refused, never truncated: a silently shortened value is a production incident.
  if (text.length > limit) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${field} of "${key}" is ${text.length} characters, more than ${limit}`,
      {
        field,
        key,
        length: text.length,
        limit,
      },
    );
  }
}

export interface DraftCheckOptions {
  /**
   * The document was already parsed by `validateDocument` (off the event loop, in the servers):
   * only the cheap checks run here.
   */
  documentChecked?: boolean;
}

export function validateItemDraft(
  format: NamespaceFormat,
  draft: { key: string; value: string; comment?: string },
  limits: ItemLimits = DEFAULT_ITEM_LIMITS,
  options: DraftCheckOptions = {},
): void {
  if (typeof draft.value !== 'string') {
    throw new DomainError('VALIDATION_FAILED', `value of "${draft.key}" must be a string`, {
      field: 'value',
      key: draft.key,
    });
  }
  if (draft.comment !== undefined) checkLength('comment', draft.key, draft.comment, limits.maxCommentLength);
  if (format === 'properties') {
    validateItemKey(draft.key, limits);
    checkLength('value', draft.key, draft.value, limits.maxValueLength);
    return;
  }
  if (draft.key !== CONTENT_KEY) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `a ${format} namespace holds a single item "${CONTENT_KEY}", not "${draft.key}"`,
      { field: 'key', key: draft.key, format },
    );
  }
  checkLength('value', draft.key, draft.value, limits.maxDocumentLength);
  if (!options.documentChecked) validateDocument(format, draft.value);
}
