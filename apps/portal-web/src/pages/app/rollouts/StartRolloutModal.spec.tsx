import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { StartRolloutModal } from './StartRolloutModal';
import { renderWithProviders } from '../../../testing/render-with-providers';
import { provideMessageChannel } from '../../../testing/message-channel';
import { applicationNamespace } from '../../../testing/namespace-fixture';

const api = jest.fn();
jest.mock('../../../api/client', () => ({
  ...jest.requireActual('../../../api/client'),
  api: (...args: unknown[]) => api(...args),
}));

provideMessageChannel();

jest.setTimeout(90_000);

const ns = applicationNamespace();

function renderModal(branchName?: string) {
  const onStarted = jest.fn();
  renderWithProviders(
    <StartRolloutModal ns={ns} branchName={branchName} onClose={() => undefined} onStarted={onStarted} />,
  );
  return onStarted;
}

describe('StartRolloutModal', () => {
  beforeEach(() => {
    api.mockReset();
    api.mockImplementation((path: string, init?: { method?: string }) =>
      Promise.resolve(
        init?.method === 'POST'
          ? { id: 3, percentage: 10 }
          : path.endsWith('review-policy')
            ? { required: false, emergencyPublishAllowed: false }
            : [],
      ),
    );
  });

  it('rolls out the gray branch it was opened for: the start names the branch', async () => {
    const onStarted = renderModal('gray-1');
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('The keys of gray branch gray-1');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Start' }));
    });
    await waitFor(() => expect(onStarted).toHaveBeenCalled());
    const [path, init] = api.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(path).toBe(`${ns.path}/rollouts`);
    expect(init.body).toMatchObject({ branchName: 'gray-1', steps: expect.any(Array) });
  });

  it('without a branch, rolls out the unreleased changes (no branchName sent)', async () => {
    const onStarted = renderModal();
    await act(async () => {
      fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Start' }));
    });
    await waitFor(() => expect(onStarted).toHaveBeenCalled());
    const [, init] = api.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(init.body).not.toHaveProperty('branchName');
  });
});
