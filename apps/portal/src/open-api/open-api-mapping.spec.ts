import {
  adminGrayRuleItems,
  apolloTime,
  adminItemBody,
  itemPage,
  toOpenGrayRule,
  toOpenItem,
  toOpenNamespace,
} from './open-api-mapping';

describe("Apollo's Open API mapping", () => {
  it("reads a whole OpenGrayReleaseRuleDTO, extra and null fields included, as the admin-service's rule items", () => {
    const apollo = {
      appId: 'shop',
      clusterName: 'default',
      namespaceName: 'application',
      branchName: 'b1',
      dataChangeCreatedBy: null,
      dataChangeLastModifiedTime: '2024-01-15T10:30:00.000Z',
      ruleItems: [
        { clientAppId: 'orders', clientIpList: ['10.0.0.1', null], clientLabelList: null, extra: 1 },
        null,
      ],
    };
    expect(adminGrayRuleItems(apollo)).toEqual([
      { clientAppId: 'orders', clientIpList: ['10.0.0.1'], clientLabelList: [] },
    ]);
    expect(adminGrayRuleItems({ ruleItems: null })).toEqual([]);
  });

  it('reads an OpenItemDTO with null comment and value as absent, and keeps only what the admin-service takes', () => {
    expect(adminItemBody({ key: 'k', value: null, comment: null, type: 0, id: 9 }, true)).toEqual({
      key: 'k',
      value: '',
    });
    expect(adminItemBody({ key: 'k', value: 'v', comment: 'c' }, false)).toEqual({
      value: 'v',
      comment: 'c',
    });
  });

  it('answers with the documented fields only', () => {
    const item = { key: 'k', value: 'v', comment: '', lineNum: 1, version: 3, dataChangeCreatedBy: 'a' };
    expect(toOpenItem(item)).toEqual({
      key: 'k',
      value: 'v',
      comment: '',
      type: 0,
      dataChangeCreatedBy: 'a',
    });
    const ns = {
      appId: 'a',
      clusterName: 'c',
      namespaceName: 'n',
      configText: 'k=v',
      revision: 2,
      items: [item],
    };
    expect(toOpenNamespace(ns)).toEqual({
      appId: 'a',
      clusterName: 'c',
      namespaceName: 'n',
      items: [toOpenItem(item)],
    });
    expect(toOpenNamespace(ns, false).items).toEqual([]);
    expect(
      toOpenGrayRule({ branchName: 'b', releaseId: 3, ruleItems: [{ clientAppId: 'x', clientIpList: [] }] }),
    ).toEqual({
      branchName: 'b',
      ruleItems: [{ clientAppId: 'x', clientIpList: [] }],
    });
  });

  it("writes times as Apollo's portal does, which its Java client parses", () => {
    expect(apolloTime('2026-11-30T22:01:30.000Z')).toBe('2026-11-30T22:01:30.000+0000');
    expect(toOpenItem({ key: 'k', dataChangeCreatedTime: '2026-01-02T03:04:05.678Z' })).toMatchObject({
      dataChangeCreatedTime: '2026-01-02T03:04:05.678+0000',
    });
    expect(apolloTime('not a time')).toBe('not a time');
  });

  it('pages items with their total', () => {
    const items = [1, 2, 3].map((n) => ({ key: `k${n}`, value: `${n}` }));
    expect(itemPage(items, 1, 2)).toEqual({ page: 1, size: 2, total: 3, content: [toOpenItem(items[2])] });
  });
});
