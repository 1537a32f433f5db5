/** One environment the portal manages, found through its meta-server(s). */
export interface PortalEnvironment {
  /** Upper-case, as Apollo spells environments (DEV, FAT, UAT, PRO). */
  name: string;
  metaServerUrls: string[];
}

export const ENV_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/**
 * Reads `DEV=http://meta1,http://meta2;PRO=http://meta3`: environments separated by `;`, each
 * `NAME=` and its meta-server URLs separated by `,` (tried in turn). Names are matched without
 * regard to case and kept upper-case; a name given twice, an empty list or a URL that is not
 * http(s) is an error that says which.
 */
export function parsePortalEnvironments(raw: string): PortalEnvironment[] {
  const environments: PortalEnvironment[] = [];
  for (const entry of raw.split(';').map((part) => part.trim())) {
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new Error(`"${entry}" must be NAME=http://meta-server[,http://…]`);
    const name = entry.slice(0, eq).trim();
    if (!ENV_NAME_PATTERN.test(name)) {
      throw new Error(
        `environment name "${name}" must be a letter then letters, digits, _ or - (at most 32)`,
      );
    }
    const upper = name.toUpperCase();
    if (environments.some((environment) => environment.name === upper)) {
      throw new Error(`environment ${upper} is given twice`);
    }
    const urls = entry
      .slice(eq + 1)
      .split(',')
      .map((url) => url.trim())
      .filter((url) => url !== '');
    if (urls.length === 0) throw new Error(`environment ${upper} has no meta-server URL`);
    for (const url of urls) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new Error(`environment ${upper}: "${url}" is not an absolute URL`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new Error(`environment ${upper}: "${url}" must be http or https`);
      }
    }
    environments.push({ name: upper, metaServerUrls: urls });
  }
  return environments;
}

export function formatPortalEnvironments(environments: PortalEnvironment[]): string {
  return environments.map((e) => `${e.name}=${e.metaServerUrls.join(',')}`).join(';');
}
