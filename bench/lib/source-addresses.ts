/** Ephemeral ports per (source address, destination) pair are ~28k here; stay well under. */
export const SOCKETS_PER_SOURCE_ADDRESS = 20_000;

/** The loopback source address of client connection `index`: 127.0.0.1, .2, … with 20,000 each. */
export function sourceAddressFor(index: number): string {
  return `127.0.0.${Math.floor(index / SOCKETS_PER_SOURCE_ADDRESS) + 1}`;
}
