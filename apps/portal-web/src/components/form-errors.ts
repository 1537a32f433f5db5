import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { describeError } from '../api/describe-error';
import type { Translate } from '../i18n/i18n';

/** `steps[1].bakeTime` → `['steps', 1, 'bakeTime']`: the API's name of a nested field as a form's. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts an API refusal next to the form field it names (`details.field`); answers the text to show
 * above the buttons when it names none of the form's fields. A nested name (`gates.checkUrl`,
 * `steps[1].percentage`) goes to the form's nested field when its first part is one of `fields`.
 */
export function showErrorOnForm(
  form: FormInstance,
  error: unknown,
  t: Translate,
  fields: readonly string[],
): string | undefined {
  const text = describeError(error, t);
  const field = error instanceof ApiError ? error.field : undefined;
  if (field && fields.includes(field)) {
    form.setFields([{ name: field, errors: [text] }]);
    return undefined;
  }
  const path = field ? fieldPath(field) : [];
  if (path.length > 1 && fields.includes(String(path[0])) && form.getFieldInstance(path) !== undefined) {
    form.setFields([{ name: path, errors: [text] }]);
    return undefined;
  }
  return text;
}
