import { isDomainError, itemsFromText, type NamespaceFormat } from '@houston/domain/browser';

export interface SyntaxProblem {
  /** 1-based. */
  line: number;
  /** 1-based; 1 when the check names only the line. */
  column: number;
  message: string;
}

/**
 * Checks a namespace's text with the rules the admin-service applies when it is saved (the same
 * code: `itemsFromText` of @houston/domain), so the editor marks exactly what a save would refuse.
 */
export function checkText(format: NamespaceFormat, text: string): SyntaxProblem | undefined {
  try {
    itemsFromText(format, text);
    return undefined;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const details = error.details ?? {};
    const line = typeof details['line'] === 'number' ? details['line'] : 1;
    const column = typeof details['column'] === 'number' ? details['column'] : 1;
    const reason = typeof details['reason'] === 'string' ? details['reason'] : error.message;
    return { line, column, message: reason.replace(/^line \d+: /, '') };
  }
}

/** The offset of a 1-based line and column in `text`, clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end === -1 ? text.length : end;
  return Math.min(offset + Math.max(column - 1, 0), lineEnd);
}
