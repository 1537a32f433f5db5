/**
 * Config keys come from users, so `__proto__` is a legal key: plain assignment would change the
 * record's prototype instead of storing the value.
 */
export function setOwnProperty(record: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}
