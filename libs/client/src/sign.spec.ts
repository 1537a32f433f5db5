import { createHmac } from 'node:crypto';
import { signature, signedHeaders } from './sign';

describe('access-key signing', () => {
  const secret = 'df23df3f59884980844ff3dada30fa97';
  const timestamp = '1576478257344';
  const path = '/configs/100004458/default/application?ip=10.0.0.1';

  it("matches the vector of Apollo's own SignatureTest", () => {
    expect(signature(secret, timestamp, path)).toBe('EoKyziXvKqzHgwx+ijDJwgVTDgE=');
  });

  it('is HMAC-SHA1 of "timestamp\\npathWithQuery", base64', () => {
    const expected = createHmac('sha1', secret).update(`${timestamp}\n${path}`).digest('base64');
    expect(signature(secret, Number(timestamp), path)).toBe(expected);
  });

  it('signs the path and raw query of a full URL, with the appId in Authorization', () => {
    const headers = signedHeaders('100004458', secret, `http://10.1.1.1:8080${path}`, Number(timestamp));
    expect(headers).toEqual({
      Authorization: 'Apollo 100004458:EoKyziXvKqzHgwx+ijDJwgVTDgE=',
      Timestamp: timestamp,
    });
  });

  it('includes a path prefix of the config-service URL and leaves out an absent query', () => {
    const headers = signedHeaders('a', 's', 'http://h/prefix/notifications/v2', 1);
    const expected = createHmac('sha1', 's').update('1\n/prefix/notifications/v2').digest('base64');
    expect(headers.Authorization).toBe(`Apollo a:${expected}`);
  });
});
