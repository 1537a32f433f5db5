export interface BoundedText {
  /** The answer's first `limit` bytes at most, as UTF-8 text. */
  text: string;
  /** False when the answer was longer than `limit` bytes: `text` is its beginning only. */
  complete: boolean;
}

/**
 * Reads an HTTP answer from a receiver Houston calls (a validation hook, a notification receiver, a
 * rollout's health check) up to `limit` bytes and stops there: the rest is never read or held, so a
 * receiver that answers without end costs `limit` bytes, not the process's memory.
 */
export async function readBoundedText(response: Response, limit: number): Promise<BoundedText> {
  if (!response.body) return { text: '', complete: true };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = true;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > limit) {
        complete = false;
        break;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return { text: Buffer.concat(chunks).subarray(0, limit).toString('utf8'), complete };
}
