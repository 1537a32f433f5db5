import { DomainError } from '../errors/domain-error';
import { DEFAULT_ITEM_LIMITS } from './item-draft';
import { validateItemDraft, validateItemKey } from './validate-item';

function errorOf(fn: () => void): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('validateItemKey', () => {
  it('accepts ordinary keys, including dots, dashes and non-ASCII', () => {
    for (const key of [
      'timeout',
      'spring.datasource.url',
      'a-b_c',
      '中文键',
      'with inner space',
      'k'.repeat(128),
    ]) {
      expect(() => validateItemKey(key, DEFAULT_ITEM_LIMITS)).not.toThrow();
    }
  });

  it.each([
    ['empty', ''],
    ['newline', 'a\nb'],
    ['tab', 'a\tb'],
    ['NUL', 'a\u0000'],
    ['leading space', ' a'],
    ['trailing space', 'a '],
  ])('refuses a key with %s', (_name, key) => {
    const error = errorOf(() => validateItemKey(key, DEFAULT_ITEM_LIMITS));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ field: 'key', key });
  });

  it('refuses a key longer than the limit and says the limit', () => {
    const error = errorOf(() => validateItemKey('k'.repeat(129), DEFAULT_ITEM_LIMITS));
    expect(error.details).toMatchObject({ field: 'key', limit: 128 });
    expect(
      errorOf(() => validateItemKey('abcd', { ...DEFAULT_ITEM_LIMITS, maxKeyLength: 3 })).details,
    ).toMatchObject({
      limit: 3,
    });
  });
});

describe('validateItemDraft', () => {
  it('accepts a value of exactly the limit and refuses one character more, without truncating', () => {
    const draft = { key: 'big', value: 'v'.repeat(20000) };
    expect(() => validateItemDraft('properties', draft, DEFAULT_ITEM_LIMITS)).not.toThrow();
    const tooBig = { key: 'big', value: 'v'.repeat(20001) };
    const error = errorOf(() => validateItemDraft('properties', tooBig, DEFAULT_ITEM_LIMITS));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual({ field: 'value', key: 'big', length: 20001, limit: 20000 });
    expect(tooBig.value).toHaveLength(20001);
  });

  it('refuses an over-long comment', () => {
    const error = errorOf(() =>
      validateItemDraft(
        'properties',
        { key: 'a', value: '1', comment: 'c'.repeat(1025) },
        DEFAULT_ITEM_LIMITS,
      ),
    );
    expect(error.details).toMatchObject({ field: 'comment', limit: 1024 });
  });

  it('applies key rules to properties drafts', () => {
    expect(
      errorOf(() => validateItemDraft('properties', { key: '', value: 'x' }, DEFAULT_ITEM_LIMITS)).details,
    ).toMatchObject({ field: 'key' });
  });

  it('allows only the content key in other formats', () => {
    expect(() =>
      validateItemDraft('json', { key: 'content', value: '{"a":1}' }, DEFAULT_ITEM_LIMITS),
    ).not.toThrow();
    expect(
      errorOf(() => validateItemDraft('json', { key: 'a', value: '1' }, DEFAULT_ITEM_LIMITS)).details,
    ).toMatchObject({
      field: 'key',
      key: 'a',
      format: 'json',
    });
  });

  it('checks the document against its format and its own size limit', () => {
    expect(
      errorOf(() => validateItemDraft('json', { key: 'content', value: '{"a":' }, DEFAULT_ITEM_LIMITS)).code,
    ).toBe('INVALID_DOCUMENT');
    const limits = { ...DEFAULT_ITEM_LIMITS, maxDocumentLength: 10 };
    expect(
      errorOf(() => validateItemDraft('txt', { key: 'content', value: 'x'.repeat(11) }, limits)).details,
    ).toEqual({
      field: 'value',
      key: 'content',
      length: 11,
      limit: 10,
    });
    // A document is not bound by the per-value limit of properties items.
    expect(() =>
      validateItemDraft('txt', { key: 'content', value: 'x'.repeat(30000) }, DEFAULT_ITEM_LIMITS),
    ).not.toThrow();
  });
});
