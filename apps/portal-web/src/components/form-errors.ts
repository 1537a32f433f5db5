import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { describeError } from '../api/describe-error';
import type { Translate } from '../i18n/i18n';

/**
 * Puts an API refusal next to the form field it names (`details.field`); answers the text to show
 * above the buttons when it names none of the form's fields.
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
  return text;
}
