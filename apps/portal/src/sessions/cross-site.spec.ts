import { crossSiteReason } from './cross-site';

describe('crossSiteReason', () => {
  const host = 'portal.example:8070';

  it('lets same-origin browser writes and header-less tools through', () => {
    expect(
      crossSiteReason({ 'sec-fetch-site': 'same-origin', origin: 'http://portal.example:8070' }, host),
    ).toBeUndefined();
    expect(crossSiteReason({ 'content-type': 'application/json; charset=utf-8' }, host)).toBeUndefined();
    expect(crossSiteReason({ 'content-type': 'application/zip' }, host)).toBeUndefined();
    expect(crossSiteReason({}, host)).toBeUndefined();
  });

  it('refuses what a cross-site page can send', () => {
    expect(crossSiteReason({ 'sec-fetch-site': 'cross-site' }, host)).toMatch(/cross-site/);
    expect(crossSiteReason({ 'sec-fetch-site': 'same-site' }, host)).toMatch(/same-site/);
    expect(crossSiteReason({ origin: 'https://evil.example' }, host)).toMatch(/origin/);
    expect(crossSiteReason({ origin: 'null' }, host)).toMatch(/origin/);
    expect(crossSiteReason({ 'content-type': 'application/x-www-form-urlencoded' }, host)).toMatch(/json/);
    expect(crossSiteReason({ 'content-type': 'text/plain' }, host)).toMatch(/json/);
    expect(crossSiteReason({ 'content-type': 'multipart/form-data; boundary=x' }, host)).toMatch(/json/);
  });
});
