import { messageKey, parseMessageKey } from './message-key';

describe('messageKey', () => {
  it("joins app, cluster and namespace with '+'", () => {
    expect(messageKey('SampleApp', 'default', 'application')).toBe('SampleApp+default+application');
  });

  it('parses back exactly three non-empty parts', () => {
    expect(parseMessageKey('SampleApp+SHAJQ+FX.apollo')).toEqual({
      appId: 'SampleApp',
      cluster: 'SHAJQ',
      namespace: 'FX.apollo',
    });
    expect(parseMessageKey(messageKey('a', 'b', 'c.json'))).toEqual({
      appId: 'a',
      cluster: 'b',
      namespace: 'c.json',
    });
    expect(parseMessageKey('a+b')).toBeNull();
    expect(parseMessageKey('a+b+c+d')).toBeNull();
    expect(parseMessageKey('a++c')).toBeNull();
    expect(parseMessageKey('')).toBeNull();
  });
});
