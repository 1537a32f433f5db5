import { translator } from '../i18n/i18n';
import { ApiError } from './client';
import { describeError } from './describe-error';

const en = translator('en');
const zhCN = translator('zh-CN');

const refusal = (details: Record<string, unknown>) =>
  new ApiError(409, 'CONFLICT', 'alice still owns …; transfer their ownership to someone else first', {
    username: 'alice',
    ...details,
  });

describe('describeError for a user who still owns things', () => {
  it('names the Open API consumers and sends the reader to the consumers page', () => {
    const error = refusal({
      ownedApps: [],
      ownedAppCount: 0,
      ownedConsumers: ['deploy-bot'],
      ownedConsumerCount: 1,
    });
    expect(describeError(error, en)).toBe(
      'alice still owns 1 Open API consumer(s): deploy-bot. Give each of them another owner first (Transfer ownership on the Open API consumers page), then delete the account.',
    );
    expect(describeError(error, zhCN)).toContain('开放平台第三方应用页面');
  });

  it('names apps and consumers together, each with how many more, and where each is transferred', () => {
    const error = refusal({
      ownedApps: ['billing', 'shop'],
      ownedAppCount: 2,
      ownedConsumers: ['a-bot', 'b-bot'],
      ownedConsumerCount: 5,
    });
    expect(describeError(error, en)).toBe(
      'alice still owns 2 app(s): billing, shop, and 5 Open API consumer(s): a-bot, b-bot and 3 more. Give each of them another owner first (Transfer ownership on the app’s page for an app, on the Open API consumers page for a consumer), then delete the account.',
    );
    const zh = describeError(error, zhCN);
    expect(zh).toContain('a-bot, b-bot 等，另有 3 个');
    expect(zh).toContain('应用页面');
  });

  it('still names apps alone, with or without the consumer fields', () => {
    const apps = { ownedApps: ['shop'], ownedAppCount: 1 };
    const expected =
      'alice still owns 1 app(s): shop. Give each of them another owner first (Transfer ownership on the app’s page), then delete the account.';
    expect(describeError(refusal(apps), en)).toBe(expected);
    expect(describeError(refusal({ ...apps, ownedConsumers: [], ownedConsumerCount: 0 }), en)).toBe(expected);
  });

  it('leaves other conflicts to the general words', () => {
    expect(describeError(new ApiError(409, 'CONFLICT', 'taken'), en)).toBe(
      en('error.CONFLICT', { message: 'taken', status: 409, env: '' }),
    );
  });
});
