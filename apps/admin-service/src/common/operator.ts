import { DomainError } from '@houston/domain';

export const OPERATOR_HEADER = 'x-operator';
const MAX_OPERATOR_LENGTH = 64;

/**
 * Every change names who made it: an Apollo-style body field (`dataChangeCreatedBy`, `releasedBy`,
 * `operator`) or the `X-Operator` header, first one given wins. Until the portal brings real users
 * this is a claim, not an identity; it is what audit rows and commits record.
 */
const hasControlCharacter = (text: string) =>
  [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

export function requireOperator(...candidates: Array<string | string[] | undefined>): string {
  for (const candidate of candidates) {
    const value = (Array.isArray(candidate) ? candidate[0] : candidate)?.trim();
    if (!value) continue;
    if (value.length > MAX_OPERATOR_LENGTH || hasControlCharacter(value)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `operator must be at most ${MAX_OPERATOR_LENGTH} printable characters`,
        {
          field: 'operator',
        },
      );
    }
    return value;
  }
  throw new DomainError(
    'OPERATOR_REQUIRED',
    'say who makes this change: the X-Operator header or the dataChangeCreatedBy / dataChangeLastModifiedBy / releasedBy / operator field',
  );
}
