import { ApiError } from '../../api/client';
import { translator } from '../../i18n/i18n';
import { describeDeletionRefusal } from './deletion-refusal';

const t = translator('en');
const conflict = (message: string, details: Record<string, unknown>) =>
  new ApiError(409, 'CONFLICT', message, details);

describe('describeDeletionRefusal', () => {
  it('tells each 409 of a deletion from one cluster apart by its details.reason', () => {
    expect(
      describeDeletionRefusal(
        conflict('the application namespace cannot be deleted', {
          reason: 'APPLICATION_NAMESPACE',
          namespace: 'application',
        }),
        t,
      ),
    ).toBe('The application namespace cannot be deleted from a cluster.');
    expect(
      describeDeletionRefusal(
        conflict('gray-1 is a gray branch; abandon the branch instead', {
          reason: 'GRAY_BRANCH',
          cluster: 'gray-1',
        }),
        t,
      ),
    ).toBe('gray-1 is a gray branch: abandon the branch instead.');
    expect(
      describeDeletionRefusal(
        conflict('rollout 7 is running on this namespace; abort it first', {
          reason: 'ROLLOUT_ACTIVE',
          rolloutId: 7,
        }),
        t,
      ),
    ).toBe('A rollout is running on this namespace: abort it on the Rollouts tab first.');
    expect(
      describeDeletionRefusal(
        conflict('public namespace shared is associated by shop, web', {
          reason: 'PUBLIC_NAMESPACE_ASSOCIATED',
          namespace: 'shared',
          associatedBy: ['shop', 'web'],
        }),
        t,
      ),
    ).toBe('Other apps associate this public namespace (shop, web): they must dissociate it first.');
    expect(describeDeletionRefusal(conflict('something else', {}), t)).toBe('Not deleted: something else');
    // A conflict of another kind is not mistaken for one of these by the fields it happens to carry.
    expect(
      describeDeletionRefusal(
        conflict('namespace limits already exists in shop/blue', {
          cluster: 'blue',
          namespace: 'application',
        }),
        t,
      ),
    ).toBe('Not deleted: namespace limits already exists in shop/blue');
  });

  it('describes other refusals as every refusal is described', () => {
    expect(describeDeletionRefusal(new ApiError(403, 'FORBIDDEN', 'no'), t)).toBe(t('error.FORBIDDEN'));
  });
});
