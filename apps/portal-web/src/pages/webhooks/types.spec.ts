import { translator } from '../../i18n/i18n';
import {
  DELIVERY_PAGE_SIZE,
  eventLabel,
  hasOpenDelivery,
  mergeHooks,
  NOTIFICATION_EVENTS,
  readDeliveryPage,
  type Webhook,
  type WebhookDelivery,
} from './types';

const hook = (id: number): Webhook => ({
  id,
  appId: 'shop',
  namespaceName: '',
  url: `http://h/${id}`,
  createdBy: 'alice',
  createdAt: '2026-01-01T00:00:00Z',
});

describe('webhook lists', () => {
  it('lists notification hooks before validation hooks, each newest first, marked with their kind', () => {
    expect(mergeHooks([hook(1), hook(3)], [hook(2), hook(5)]).map((h) => `${h.kind}:${h.id}`)).toEqual([
      'notification:5',
      'notification:2',
      'validation:3',
      'validation:1',
    ]);
    expect(mergeHooks(undefined, undefined)).toEqual([]);
  });

  it('reads deliveries again only while one is pending or being delivered', () => {
    const of = (status: WebhookDelivery['status']) => [{ status } as WebhookDelivery];
    expect(hasOpenDelivery(of('pending'))).toBe(true);
    expect(hasOpenDelivery(of('delivering'))).toBe(true);
    expect(hasOpenDelivery(of('failed'))).toBe(false);
    expect(hasOpenDelivery(of('delivered'))).toBe(false);
    expect(hasOpenDelivery(undefined)).toBe(false);
  });

  it('names every event in both languages, and keeps the name of one it does not know', () => {
    const en = translator('en');
    const zh = translator('zh-CN');
    for (const event of NOTIFICATION_EVENTS) {
      expect(eventLabel(event, en)).not.toContain('_');
      expect(eventLabel(event, zh)).not.toMatch(/[a-z]/);
    }
    expect(eventLabel('gray_rules', en)).toBe('gray rules changed');
    expect(eventLabel('rollout_abort', zh)).toBe('渐进发布中止');
    expect(eventLabel('release.validate', zh)).toBe('release.validate');
  });

  it('pages deliveries by cursor: the next page from the last id, a page jumped to through those before it', async () => {
    // 120 deliveries, ids 120 down to 1, as the admin-service pages them.
    const asked: Array<number | undefined> = [];
    const read = async (beforeId: number | undefined) => {
      asked.push(beforeId);
      const start = beforeId === undefined ? 120 : beforeId - 1;
      return Array.from({ length: Math.min(DELIVERY_PAGE_SIZE, start) }, (_, i) => ({
        id: start - i,
      })) as WebhookDelivery[];
    };
    const cursors = new Map<number, number>();
    const ids = (rows: WebhookDelivery[]) => [rows[0]?.id, rows.at(-1)?.id, rows.length];

    expect(ids(await readDeliveryPage(3, cursors, read))).toEqual([20, 1, 20]);
    expect(asked).toEqual([undefined, 71, 21]);
    expect(ids(await readDeliveryPage(2, cursors, read))).toEqual([70, 21, 50]);
    expect(asked.at(-1)).toBe(71);
    expect(ids(await readDeliveryPage(1, cursors, read))).toEqual([120, 71, 50]);
    expect(await readDeliveryPage(5, cursors, read)).toEqual([]);
  });
});
