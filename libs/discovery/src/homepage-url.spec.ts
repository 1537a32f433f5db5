import { joinUrl, normalizeHomepageUrl } from './homepage-url';

describe('normalizeHomepageUrl', () => {
  it('ends the URL with exactly one slash', () => {
    expect(normalizeHomepageUrl('http://10.0.0.5:8080')).toBe('http://10.0.0.5:8080/');
    expect(normalizeHomepageUrl('http://10.0.0.5:8080///')).toBe('http://10.0.0.5:8080/');
    expect(normalizeHomepageUrl('https://cfg.example//houston//')).toBe('https://cfg.example/houston/');
    expect(normalizeHomepageUrl('http://[::1]:8080')).toBe('http://[::1]:8080/');
  });

  it('refuses what a client could not call', () => {
    expect(() => normalizeHomepageUrl('10.0.0.5:8080')).toThrow(/homepageUrl/);
    expect(() => normalizeHomepageUrl('ftp://10.0.0.5/')).toThrow(/http and https/);
  });
});

describe('joinUrl', () => {
  it('joins with a single slash and leaves the scheme alone', () => {
    expect(joinUrl('http://10.0.0.5:8080/', '/health')).toBe('http://10.0.0.5:8080/health');
    expect(joinUrl('http://10.0.0.5:8080', 'health')).toBe('http://10.0.0.5:8080/health');
    expect(joinUrl('http://h/base//', '//a//b')).toBe('http://h/base/a/b');
    expect(joinUrl('http://h', '')).toBe('http://h/');
  });
});
