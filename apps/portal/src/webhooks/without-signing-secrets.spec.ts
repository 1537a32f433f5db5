import { withoutSigningSecrets } from './without-signing-secrets';

describe('withoutSigningSecrets', () => {
  it('drops secret fields at any depth and keeps the rest', () => {
    expect(
      withoutSigningSecrets([
        { id: 1, url: 'http://h', secret: 's', nested: { signingSecret: 'x', events: ['release'] } },
        null,
        'text',
      ]),
    ).toEqual([{ id: 1, url: 'http://h', nested: { events: ['release'] } }, null, 'text']);
  });
});
