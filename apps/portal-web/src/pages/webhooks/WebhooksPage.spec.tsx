import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { WebhooksPage } from './WebhooksPage';
import { renderWithProviders } from '../../testing/render-with-providers';

const api = jest.fn();
jest.mock('../../api/client', () => ({
  ...jest.requireActual('../../api/client'),
  api: (...args: unknown[]) => api(...args),
}));

// react-router's own module needs what jsdom lacks (TextEncoder); the page takes only these from it.
jest.mock('react-router-dom', () => ({
  useParams: () => ({ appId: 'shop' }),
  useSearchParams: () => [new URLSearchParams('env=DEV'), () => undefined],
  Link: ({ children }: { children: unknown }) => children,
}));

const BASE = '/api/envs/DEV/apps/shop';
// 60 deliveries, ids 60 down to 1, paged by the admin-service's cursor.
const delivery = (id: number) => ({
  id,
  webhookId: 1,
  appId: 'shop',
  namespaceName: 'application',
  event: 'release',
  status: 'failed',
  attempts: 1,
  nextAttemptAt: '2026-11-30T10:00:00Z',
  lastAttemptAt: '2026-11-30T10:00:00Z',
  lastStatus: 500,
  lastError: 'the receiver answered 500',
  createdAt: '2026-11-30T10:00:00Z',
});

function renderPage() {
  renderWithProviders(<WebhooksPage />);
}

const shownIds = () =>
  within(screen.getByTestId('webhook-deliveries'))
    .queryAllByRole('button', { name: /^Details #/ })
    .map((button) => Number(button.textContent?.slice(1)));

describe('WebhooksPage deliveries', () => {
  beforeEach(() => {
    api.mockReset();
    api.mockImplementation((path: string, init?: { query?: { beforeId?: number; size?: number } }) => {
      if (path === '/api/envs') return Promise.resolve([{ env: 'DEV' }]);
      if (path === `${BASE}/webhook-deliveries/count`) return Promise.resolve({ total: 60 });
      if (path === `${BASE}/webhook-deliveries`) {
        const start = (init?.query?.beforeId ?? 61) - 1;
        const size = init?.query?.size ?? 50;
        return Promise.resolve(Array.from({ length: Math.min(size, start) }, (_, i) => delivery(start - i)));
      }
      if (path === `${BASE}/webhook-deliveries/7`)
        return Promise.resolve({
          ...delivery(7),
          payload: { event: 'release', appId: 'shop', changes: { modified: ['timeout'] } },
        });
      if (path === `/api/apps/shop/permissions`) return Promise.resolve({ master: false });
      return Promise.resolve([]);
    });
  });

  it('shows the total, pages past the first 50 by the last id, and opens one delivery with the body it sent', async () => {
    renderPage();
    expect(await screen.findByText('60 deliveries')).toBeTruthy();
    await waitFor(() => expect(shownIds()).toHaveLength(50));
    expect(shownIds()[0]).toBe(60);
    await act(async () => {
      fireEvent.click(screen.getByTitle('2'));
    });
    await waitFor(() => expect(shownIds()).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
    expect(api).toHaveBeenCalledWith(`${BASE}/webhook-deliveries`, {
      query: { status: undefined, beforeId: 11, size: 50 },
    });

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Details #7' }));
    });
    const drawer = await screen.findByTestId('delivery-body');
    expect(drawer.textContent).toBe(
      JSON.stringify({ event: 'release', appId: 'shop', changes: { modified: ['timeout'] } }, null, 2),
    );
    expect(screen.getByText('Delivery #7')).toBeTruthy();
    expect(screen.getAllByText('the receiver answered 500').length).toBeGreaterThan(1);
  });
});
