import { networkInterfaces } from 'node:os';

/**
 * The address other machines reach this server at, which is what discovery hands to clients.
 * An explicit HOUSTON_ADVERTISED_HOST wins (Kubernetes: the pod IP); a server bound to one
 * address advertises it; one bound to every interface advertises its first external IPv4.
 */
export function advertisedHost(bindHost: string, explicit?: string): string {
  if (explicit) return explicit;
  if (bindHost !== '0.0.0.0' && bindHost !== '::') return bindHost;
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return '127.0.0.1';
}

export function homepageUrl(host: string, port: number): string {
  const literal = host.includes(':') ? `[${host}]` : host;
  return `http://${literal}:${port}/`;
}
