import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../api/client';
import type { Consumer } from '../api/types';
import { provideMessageChannel } from '../testing/message-channel';
import { renderWithProviders } from '../testing/render-with-providers';
import { ConsumersPage } from './ConsumersPage';

const api = jest.fn();
jest.mock('../api/client', () => ({
  ...jest.requireActual('../api/client'),
  api: (...args: unknown[]) => api(...args),
}));
// The queries module brings react-router, whose module needs what jsdom lacks (TextEncoder); the
// page takes only the environments from it.
jest.mock('../api/queries', () => ({ useEnvironments: () => ({ data: [{ env: 'DEV' }] }) }));

provideMessageChannel();

const consumer = (id: number, appId: string, ownerName: string): Consumer => ({
  id,
  appId,
  name: appId,
  orgId: '',
  orgName: '',
  ownerName,
  ownerEmail: `${ownerName}@example.com`,
  rateLimit: 0,
  allowCreateApplication: false,
  grants: [],
});

async function transfer(appId: string, ownerName: string, ownerEmail = '') {
  fireEvent.click(await screen.findByRole('button', { name: `Transfer ownership of ${appId}` }));
  fireEvent.change(await screen.findByLabelText('New owner (a portal user name)'), {
    target: { value: ownerName },
  });
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: ownerEmail } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
  });
}

describe('ConsumersPage', () => {
  let consumers: Consumer[];
  beforeEach(() => {
    consumers = [consumer(1, 'deploy-bot', 'alice'), consumer(2, 'report-bot', 'alice')];
    api.mockReset();
    api.mockImplementation((path: string, init?: { method?: string; body?: { ownerName: string } }) => {
      if (path === '/api/consumers') return Promise.resolve(consumers);
      if (init?.method === 'PUT' && path === '/api/consumers/2/owner') {
        if (init.body?.ownerName === 'nobody')
          return Promise.reject(new ApiError(400, 'BAD_REQUEST', 'nobody is not an enabled portal user'));
        consumers = consumers.map((c) => (c.id === 2 ? { ...c, ownerName: init.body!.ownerName } : c));
        return Promise.resolve(consumers[1]);
      }
      return Promise.reject(new ApiError(404, 'NOT_FOUND', `nothing at ${path}`));
    });
  });

  it('hands one consumer to another user and shows the new owner in the list', async () => {
    renderWithProviders(<ConsumersPage />);
    await transfer('report-bot', ' bob ');
    await waitFor(() =>
      expect(api).toHaveBeenCalledWith('/api/consumers/2/owner', {
        method: 'PUT',
        body: { ownerName: 'bob', ownerEmail: undefined },
      }),
    );
    expect(await screen.findByText('bob now owns report-bot.')).toBeTruthy();
    const row = document.querySelector('[data-consumer="report-bot"]')!;
    await waitFor(() => expect(row.textContent).toContain('bob'));
    expect(document.querySelector('[data-consumer="deploy-bot"]')!.textContent).toContain('alice');
  });

  it('sends the e-mail typed, and keeps the dialog open with the refusal in words', async () => {
    renderWithProviders(<ConsumersPage />);
    await transfer('report-bot', 'nobody', 'nobody@example.com');
    await waitFor(() =>
      expect(api).toHaveBeenCalledWith('/api/consumers/2/owner', {
        method: 'PUT',
        body: { ownerName: 'nobody', ownerEmail: 'nobody@example.com' },
      }),
    );
    expect(await screen.findByText(/nobody is not an enabled portal user/)).toBeTruthy();
    expect(
      screen.getByText('Transfer ownership of report-bot', { selector: '.ant-modal-title' }),
    ).toBeTruthy();
  });
});
