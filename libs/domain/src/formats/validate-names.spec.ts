import { DomainError } from '../errors/domain-error';
import { validateAppId, validateClusterName, validateNamespaceName } from './validate-names';

function errorOf(fn: () => void): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('name validation', () => {
  it('accepts Apollo-style names', () => {
    expect(() => validateAppId('SampleApp_1.0-x')).not.toThrow();
    expect(() => validateClusterName('SHAJQ')).not.toThrow();
    expect(() => validateNamespaceName('FX.apollo')).not.toThrow();
    expect(() => validateNamespaceName('datasource.json')).not.toThrow();
  });

  it.each(['', 'has space', 'a+b', 'a/b', 'ünïcode', 'tab\t'])('refuses %j', (bad) => {
    const error = errorOf(() => validateAppId(bad));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ field: 'appId', value: bad });
  });

  it('enforces the length limits: app id 64, cluster 32, namespace 128', () => {
    expect(() => validateAppId('a'.repeat(64))).not.toThrow();
    expect(errorOf(() => validateAppId('a'.repeat(65))).details).toMatchObject({ field: 'appId', limit: 64 });
    expect(() => validateClusterName('c'.repeat(32))).not.toThrow();
    expect(errorOf(() => validateClusterName('c'.repeat(33))).details).toMatchObject({
      field: 'clusterName',
      limit: 32,
    });
    expect(() => validateNamespaceName('n'.repeat(128))).not.toThrow();
    expect(errorOf(() => validateNamespaceName('n'.repeat(129))).details).toMatchObject({
      field: 'namespaceName',
      limit: 128,
    });
  });

  it('refuses a value that is not a string', () => {
    expect(errorOf(() => validateClusterName(undefined as unknown as string)).code).toBe('VALIDATION_FAILED');
  });
});
