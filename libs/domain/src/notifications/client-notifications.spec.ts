import { DomainError } from '../errors/domain-error';
import { parseClientNotifications } from './client-notifications';

function errorOf(raw: string | undefined): DomainError {
  try {
    parseClientNotifications(raw);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('parseClientNotifications', () => {
  it('reads what the Java client sends', () => {
    const raw = JSON.stringify([
      { namespaceName: 'application', notificationId: -1 },
      { namespaceName: 'FX.apollo', notificationId: 42 },
    ]);
    expect(parseClientNotifications(raw)).toEqual([
      { namespaceName: 'application', notificationId: -1 },
      { namespaceName: 'FX.apollo', notificationId: 42 },
    ]);
  });

  it('strips .properties and defaults a missing id to -1', () => {
    expect(
      parseClientNotifications(
        '[{"namespaceName":"application.properties"},{"namespaceName":"b","notificationId":null}]',
      ),
    ).toEqual([
      { namespaceName: 'application', notificationId: -1 },
      { namespaceName: 'b', notificationId: -1 },
    ]);
  });

  it('accepts an id sent as a numeric string', () => {
    expect(parseClientNotifications('[{"namespaceName":"a","notificationId":"7"}]')).toEqual([
      { namespaceName: 'a', notificationId: 7 },
    ]);
  });

  it('keeps one entry per namespace, with the lower id, as Apollo does', () => {
    const raw = JSON.stringify([
      { namespaceName: 'application', notificationId: 9 },
      { namespaceName: 'application.properties', notificationId: 3 },
      { namespaceName: 'application', notificationId: 12 },
      { namespaceName: 'other', notificationId: 5 },
    ]);
    expect(parseClientNotifications(raw)).toEqual([
      { namespaceName: 'application', notificationId: 3 },
      { namespaceName: 'other', notificationId: 5 },
    ]);
  });

  it('skips entries without a namespace name, like Apollo', () => {
    expect(
      parseClientNotifications(
        '[{"notificationId":1},{"namespaceName":"","notificationId":2},{"namespaceName":"a"}]',
      ),
    ).toEqual([{ namespaceName: 'a', notificationId: -1 }]);
  });

  it.each([
    ['missing', undefined],
    ['empty string', ''],
    ['not JSON', '[{namespaceName:'],
    ['not an array', '{"namespaceName":"a"}'],
    ['JSON null', 'null'],
    ['an empty array', '[]'],
    ['only nameless entries', '[{"notificationId":1}]'],
    ['a non-object entry', '["application"]'],
    ['a null entry', '[null]'],
    ['a non-string name', '[{"namespaceName":7}]'],
    ['a fractional id', '[{"namespaceName":"a","notificationId":1.5}]'],
    ['a non-numeric id', '[{"namespaceName":"a","notificationId":"abc"}]'],
  ])('refuses %s with BAD_REQUEST', (_name, raw) => {
    const error = errorOf(raw);
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.details).toMatchObject({ field: 'notifications' });
  });

  it('says which entry is wrong', () => {
    expect(
      errorOf('[{"namespaceName":"a"},{"namespaceName":"b","notificationId":true}]').details,
    ).toMatchObject({ index: 1 });
  });
});
