import type { IncomingHttpHeaders } from 'node:http';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Why a state-changing request looks cross-site, or undefined when it does not. Browsers say
 * where a request comes from (`Sec-Fetch-Site`, `Origin`); an HTML form can only send
 * urlencoded, multipart or plain text, so writes must be JSON. Tools that send neither header
 * (curl, the CLI) pass this check and still need the session's CSRF token.
 */
export function crossSiteReason(headers: IncomingHttpHeaders, host: string | undefined): string | undefined {
  const fetchSite = header(headers, 'sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return `refused a ${fetchSite} request`;
  }
  const origin = header(headers, 'origin');
  if (origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = origin === 'null' ? undefined : new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (!originHost || !host || originHost.toLowerCase() !== host.toLowerCase()) {
      return `refused a request from origin ${origin}`;
    }
  }
  const contentType = header(headers, 'content-type');
  // A zip (an import) is not a form's content type either: a cross-site form still cannot send it.
  if (contentType !== undefined && !/^application\/(json|zip)\b/i.test(contentType.trim())) {
    return 'writes must be sent as application/json (or application/zip for an import)';
  }
  return undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
