import { compareConfigurations } from '../releases/compare-configurations';
import { applyConfigurationDiff, matchesGrayRules, validateGrayRules } from './gray-rules';

describe('gray rules', () => {
  const rules = [
    { clientAppId: 'Orders', clientIpList: ['10.0.0.1'], clientLabelList: ['canary'] },
    { clientAppId: 'billing', clientIpList: ['*'], clientLabelList: [] },
  ];

  it('match by app id (ignoring case) and IP or label, with * for all', () => {
    expect(matchesGrayRules(rules, { appId: 'orders', ip: '10.0.0.1' })).toBe(true);
    expect(matchesGrayRules(rules, { appId: 'orders', ip: '10.0.0.2', label: 'canary' })).toBe(true);
    expect(matchesGrayRules(rules, { appId: 'orders', ip: '10.0.0.2', label: 'stable' })).toBe(false);
    expect(matchesGrayRules(rules, { appId: 'orders' })).toBe(false);
    expect(matchesGrayRules(rules, { appId: 'billing', ip: '1.2.3.4' })).toBe(true);
    expect(matchesGrayRules(rules, { appId: 'other', ip: '10.0.0.1', label: 'canary' })).toBe(false);
    expect(matchesGrayRules([], { appId: 'orders', ip: '10.0.0.1' })).toBe(false);
  });

  it('validate what the admin API receives', () => {
    expect(validateGrayRules([{ clientAppId: ' a ', clientIpList: ['1', '1'] }])).toEqual([
      { clientAppId: 'a', clientIpList: ['1'], clientLabelList: [] },
    ]);
    expect(() => validateGrayRules({})).toThrow('ruleItems must be an array');
    expect(() => validateGrayRules([{ clientIpList: ['1'] }])).toThrow('clientAppId is required');
    expect(() => validateGrayRules([{ clientAppId: 'a' }])).toThrow('must list IPs or labels');
    expect(() => validateGrayRules([{ clientAppId: 'a', clientIpList: [3] }])).toThrow('clientIpList');
  });

  it('carry a branch change set onto a new base', () => {
    const base = { a: '1', b: '2', c: '3' };
    const branch = { a: '1', b: 'gray', d: 'new' }; // b modified, c deleted, d added
    const nextMain = { a: 'main-2', b: '2', c: '3', e: '5' };
    expect(applyConfigurationDiff(nextMain, compareConfigurations(base, branch))).toEqual({
      a: 'main-2',
      b: 'gray',
      d: 'new',
      e: '5',
    });
  });
});
