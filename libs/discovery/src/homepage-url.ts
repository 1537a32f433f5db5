/**
 * Validates an instance's homepage URL and gives it exactly one trailing slash, the form Apollo
 * clients expect: they append paths such as `configs/...` directly to it.
 */
export function normalizeHomepageUrl(homepageUrl: string): string {
  let url: URL;
  try {
    url = new URL(homepageUrl);
  } catch {
    throw new Error(`Invalid homepageUrl "${homepageUrl}": not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Invalid homepageUrl "${homepageUrl}": only http and https are supported`);
  }
  const path = url.pathname.replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  return `${url.origin}${path}/`;
}

/** Joins a base URL and a path with exactly one slash between them, leaving `scheme://` intact. */
export function joinUrl(base: string, path: string): string {
  const trimmedPath = path.replace(/^\/+/, '');
  const trimmedBase = base.replace(/\/+$/, '');
  const joined = trimmedPath === '' ? `${trimmedBase}/` : `${trimmedBase}/${trimmedPath}`;
  return joined.replace(/([^:/])\/{2,}/g, '$1/');
}
