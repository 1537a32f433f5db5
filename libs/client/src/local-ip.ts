import { networkInterfaces } from 'node:os';

/** The first external IPv4 address, as Apollo's Java client reports itself (gray rules match on it). */
export function localIp(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return undefined;
}
