import { signWebhookBody, verifyWebhookSignature, webhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = '{"event":"release.validate"}';

  it('verify what was signed, within the tolerance', () => {
    const header = signWebhookBody('s3cret', 1_000_000, body);
    expect(header).toBe(`t=1000000,v1=${webhookSignature('s3cret', 1_000_000, body)}`);
    expect(verifyWebhookSignature('s3cret', header, body, 1_000_000 + 60_000)).toBe(true);
  });

  it('refuse another secret, another body, an old timestamp or a malformed header', () => {
    const header = signWebhookBody('s3cret', 1_000_000, body);
    expect(verifyWebhookSignature('other', header, body, 1_000_000)).toBe(false);
    expect(verifyWebhookSignature('s3cret', header, `${body} `, 1_000_000)).toBe(false);
    expect(verifyWebhookSignature('s3cret', header, body, 1_000_000 + 10 * 60_000)).toBe(false);
    expect(verifyWebhookSignature('s3cret', 'v1=abc', body, 1_000_000)).toBe(false);
    expect(verifyWebhookSignature('s3cret', undefined, body, 1_000_000)).toBe(false);
  });
});
