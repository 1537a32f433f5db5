import { DomainError } from '../errors/domain-error';

// Apollo's InputValidator pattern for app ids, clusters and namespaces.
const NAME_PATTERN = /^[0-9a-zA-Z_.-]+$/;

const APP_ID_MAX_LENGTH = 64;
const CLUSTER_NAME_MAX_LENGTH = 32;
const NAMESPACE_NAME_MAX_LENGTH = 128;

function validateName(field: string, label: string, value: unknown, maxLength: number): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new DomainError('VALIDATION_FAILED', `${label} is required`, { field, value });
  }
  if (value.length > maxLength) {
    throw new DomainError('VALIDATION_FAILED', `${label} must be at most ${maxLength} characters`, {
      field,
      value,
      limit: maxLength,
    });
  }
  if (!NAME_PATTERN.test(value)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${label} "${value}" may only contain letters, digits, '_', '-' and '.'`,
      { field, value },
    );
  }
}

export function validateAppId(appId: string): void {
  validateName('appId', 'app id', appId, APP_ID_MAX_LENGTH);
}

export function validateClusterName(name: string): void {
  validateName('clusterName', 'cluster name', name, CLUSTER_NAME_MAX_LENGTH);
}

export function validateNamespaceName(name: string): void {
  validateName('namespaceName', 'namespace name', name, NAMESPACE_NAME_MAX_LENGTH);
}
