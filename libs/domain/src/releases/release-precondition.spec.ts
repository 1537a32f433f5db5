import { isDomainError } from '../errors/domain-error';
import {
  assertUnchangedSinceChecked,
  checkReleasePrecondition,
  configurationFingerprint,
} from './release-precondition';

describe('configurationFingerprint', () => {
  it('is the same whatever order the keys come in, and differs when a value does', () => {
    const a = configurationFingerprint({ b: '2', a: '1' });
    expect(a).toBe(configurationFingerprint({ a: '1', b: '2' }));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(configurationFingerprint({ a: '1', b: '3' })).not.toBe(a);
    expect(configurationFingerprint({ a: '1' })).not.toBe(a);
    // A key that holds what another's value was is not the same configuration.
    expect(configurationFingerprint({ 'a=1': '' })).not.toBe(configurationFingerprint({ a: '1=' }));
  });
});

describe('checkReleasePrecondition', () => {
  const state = { baseReleaseId: 7, configurations: { a: '1' } };

  it('passes when nothing is expected, or what is expected is so', () => {
    expect(() => checkReleasePrecondition({}, state)).not.toThrow();
    expect(() =>
      checkReleasePrecondition(
        { expectedBaseReleaseId: 7, expectedFingerprint: configurationFingerprint({ a: '1' }) },
        state,
      ),
    ).not.toThrow();
  });

  it('refuses with RELEASE_PRECONDITION_FAILED naming what moved', () => {
    const refusal = (expected: Parameters<typeof checkReleasePrecondition>[0]) => {
      try {
        checkReleasePrecondition(expected, state);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const base = refusal({ expectedBaseReleaseId: 6 });
    expect(isDomainError(base, 'RELEASE_PRECONDITION_FAILED')).toBe(true);
    expect((base as { details: { moved: string[] } }).details.moved).toEqual(['baseReleaseId']);
    const items = refusal({
      expectedBaseReleaseId: 7,
      expectedFingerprint: configurationFingerprint({ a: '2' }),
    });
    expect((items as { details: { moved: string[] } }).details.moved).toEqual(['fingerprint']);
  });
});

describe('assertUnchangedSinceChecked', () => {
  const address = { appId: 'shop', cluster: 'default', namespace: 'application' };

  it('passes when the items are what was checked, in whatever order they were read', () => {
    expect(() =>
      assertUnchangedSinceChecked({ a: '1', b: '2' }, { b: '2', a: '1' }, address, 'publish again'),
    ).not.toThrow();
  });

  it.each([
    ['a value changed', { a: '1', b: '3' }],
    ['a key was added', { a: '1', b: '2', c: '' }],
    ['a key was deleted', { a: '1' }],
    ['a key was renamed, its value kept', { a: '1', c: '2' }],
  ])('refuses with CONCURRENT_MODIFICATION when %s, saying what to do again', (_, now) => {
    try {
      assertUnchangedSinceChecked({ a: '1', b: '2' }, now, address, 'publish again');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('CONCURRENT_MODIFICATION');
      expect((error as Error).message).toBe('the items changed while the release was checked; publish again');
      expect(isDomainError(error) && error.details).toEqual(address);
    }
  });
});
