import { screen } from '@testing-library/react';
import { ReleaseModal } from './ReleaseModal';
import { renderWithProviders } from '../../testing/render-with-providers';
import { provideMessageChannel } from '../../testing/message-channel';
import { applicationNamespace } from '../../testing/namespace-fixture';

const api = jest.fn();
jest.mock('../../api/client', () => ({
  ...jest.requireActual('../../api/client'),
  api: (...args: unknown[]) => api(...args),
}));

provideMessageChannel();

const ns = applicationNamespace();

const changes = {
  baseReleaseId: 1,
  hasChanges: true,
  changes: { added: [], modified: [{ key: 'timeout', oldValue: '100', newValue: '90000' }], deleted: [] },
};

function renderModal() {
  renderWithProviders(<ReleaseModal ns={ns} onClose={() => undefined} />);
}

describe('ReleaseModal', () => {
  beforeEach(() => api.mockReset());

  it('shows the checks a release now fails, with their paths and messages, from the dry run', async () => {
    api.mockImplementation((path: string, init?: { method?: string }) => {
      if (path.endsWith('/releases/dry-run') && init?.method === 'POST')
        return Promise.resolve({
          ...changes,
          wouldPublish: false,
          checks: [
            {
              name: 'schema',
              passed: false,
              schemaVersion: 1,
              problems: [{ path: '$.timeout', message: 'must be <= 60000' }],
            },
            { name: 'webhook', passed: true, problems: [] },
          ],
        });
      if (path.endsWith('/unreleased-changes')) return Promise.resolve(changes);
      return Promise.resolve({ required: false, emergencyPublishAllowed: false });
    });
    renderModal();
    const schema = await screen.findByTestId('release-check-schema');
    expect(schema.textContent).toContain("The namespace's schema check fails");
    expect(schema.textContent).toContain('$.timeout must be <= 60000');
    expect(screen.queryByTestId('release-check-webhook')).toBeNull();
  });

  it('shows no check when every check passes', async () => {
    api.mockImplementation((path: string) => {
      if (path.endsWith('/releases/dry-run'))
        return Promise.resolve({
          ...changes,
          wouldPublish: true,
          checks: [{ name: 'schema', passed: true, problems: [] }],
        });
      if (path.endsWith('/unreleased-changes')) return Promise.resolve(changes);
      return Promise.resolve({ required: false, emergencyPublishAllowed: false });
    });
    renderModal();
    expect(await screen.findByText('90000')).toBeTruthy();
    expect(api).toHaveBeenCalledWith(expect.stringMatching(/\/releases\/dry-run$/), { method: 'POST' });
    expect(document.querySelector('[data-testid^="release-check-"]')).toBeNull();
  });
});
