import { readBoundedText } from './read-bounded-text';

/** An answer whose body is `chunks`, counting how many of them the reader pulled. */
function answer(chunks: string[]): { response: Response; pulled(): number; cancelled(): boolean } {
  let index = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(new TextEncoder().encode(chunks[index++]));
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(stream), pulled: () => index, cancelled: () => cancelled };
}

describe('readBoundedText', () => {
  it('reads a short answer whole', async () => {
    const { response } = answer(['{"allow":', 'true}']);
    expect(await readBoundedText(response, 1024)).toEqual({ text: '{"allow":true}', complete: true });
  });

  it('reads an answer of exactly the limit whole', async () => {
    const { response } = answer(['abcd', 'ef']);
    expect(await readBoundedText(response, 6)).toEqual({ text: 'abcdef', complete: true });
  });

  it('stops past the limit, keeps only the limit and cancels the rest unread', async () => {
    const endless = answer(Array.from({ length: 1000 }, () => 'x'.repeat(1024)));
    expect(await readBoundedText(endless.response, 4096)).toEqual({
      text: 'x'.repeat(4096),
      complete: false,
    });
    expect(endless.pulled()).toBeLessThan(10);
    expect(endless.cancelled()).toBe(true);
  });

  it('reads an answer without a body as empty', async () => {
    expect(await readBoundedText(new Response(null, { status: 204 }), 10)).toEqual({
      text: '',
      complete: true,
    });
  });
});
