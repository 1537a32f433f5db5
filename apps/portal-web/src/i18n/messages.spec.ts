import { en, zhCN } from './messages';
import { dateFormatter, fill, translator } from './i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the dictionaries', () => {
  it('have the same keys in English and Chinese', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('translate every string (no empty text) with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, en: en[key].trim().length > 0 }).toEqual({ key, en: true });
      expect({ key, zh: zhCN[key].trim().length > 0 }).toEqual({ key, zh: true });
      expect({ key, placeholders: placeholders(zhCN[key]) }).toEqual({
        key,
        placeholders: placeholders(en[key]),
      });
    }
  });

  it('fill placeholders, leaving unknown ones visible', () => {
    expect(fill('Release {name} of {namespace}', { name: 'r1' })).toBe('Release r1 of {namespace}');
    expect(translator('zh-CN')('release.done', { name: 'v2' })).toBe('已发布 v2');
    expect(translator('en')('release.done', { name: 'v2' })).toBe('Released v2');
  });

  it('show dates in the viewer time zone', () => {
    const at = '2026-01-15T23:30:00.000Z';
    expect(dateFormatter('en', 'Asia/Shanghai')(at)).toContain('07:30:00');
    expect(dateFormatter('en', 'America/New_York')(at)).toContain('18:30:00');
    expect(dateFormatter('zh-CN', 'Asia/Shanghai')(at)).toContain('2026/01/16');
    expect(dateFormatter('en', 'UTC')(undefined)).toBe('');
  });
});
