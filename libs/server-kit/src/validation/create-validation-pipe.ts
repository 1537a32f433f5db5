import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '@houston/domain';

export interface FieldProblem {
  /** Dotted path from the body's root: `items.0.key`. */
  field: string;
  constraints: string[];
}

/**
 * The pipe every Houston server validates DTOs with: unknown properties are refused (so a typo in a
 * field name is an error, not a silently ignored value), and a failure is a `VALIDATION_FAILED`
 * domain error listing each field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The offending values and objects stay out of the error: they may be large or secret.
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(errors),
  });
}

export function validationFailed(errors: readonly ValidationError[]): DomainError {
  const fields = flattenValidationErrors(errors);
  const message = fields.length > 0 ? fields.map(describeField).join('; ') : 'the request is not valid';
  return new DomainError('VALIDATION_FAILED', message, { fields });
}

export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  const fields: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const constraints = Object.values(error.constraints ?? {});
    if (constraints.length > 0) fields.push({ field, constraints });
    if (error.children && error.children.length > 0)
      fields.push(...flattenValidationErrors(error.children, field));
  }
  return fields;
}

/** class-validator says `key must be a string`; for a nested field the full path reads better. */
function describeField({ field, constraints }: FieldProblem): string {
  const property = field.slice(field.lastIndexOf('.') + 1);
  const word = new RegExp(`(^|\\s)${property.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\s|$)`);
  return constraints
    .map((text) => {
      if (word.test(text)) return field === property ? text : text.replace(word, `$1${field}`);
      return `${field}: ${text}`;
    })
    .join(', ');
}
