import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../api/client';
import { UsersPage } from './UsersPage';
import { renderWithProviders } from '../testing/render-with-providers';

const api = jest.fn();
jest.mock('../api/client', () => ({
  ...jest.requireActual('../api/client'),
  api: (...args: unknown[]) => api(...args),
}));
jest.mock('../session', () => ({ useUser: () => ({ username: 'admin', isSuperAdmin: true }) }));

const user = (username: string) => ({
  username,
  displayName: username,
  email: '',
  isSuperAdmin: username === 'admin',
  isEnabled: !disabled.has(username),
});
let disabled = new Set<string>();

function renderPage() {
  renderWithProviders(<UsersPage />);
}

describe('UsersPage', () => {
  let users: string[];
  beforeEach(() => {
    users = ['admin', 'erin'];
    disabled = new Set();
    api.mockReset();
    api.mockImplementation((path: string, init?: { method?: string; body?: { enabled?: boolean } }) => {
      if (path === '/api/users') return Promise.resolve(users.map(user));
      if (init?.method === 'PUT' && path === '/api/users/erin/enabled') {
        if (init.body?.enabled) disabled.delete('erin');
        else disabled.add('erin');
        return Promise.resolve(user('erin'));
      }
      if (init?.method === 'DELETE' && path === '/api/users/erin') {
        users = users.filter((name) => name !== 'erin');
        return Promise.resolve(undefined);
      }
      if (init?.method === 'DELETE' && path === '/api/users/olga')
        return Promise.reject(
          new ApiError(
            409,
            'CONFLICT',
            'olga still owns 12 apps: a1, a10, a11, a12, a2, a3, a4, a5, a6, a7 and 2 more; transfer their ownership to someone else first',
            {
              username: 'olga',
              ownedApps: ['a1', 'a10', 'a11', 'a12', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'],
              ownedAppCount: 12,
            },
          ),
        );
      if (init?.method === 'DELETE')
        return Promise.reject(new ApiError(404, 'NOT_FOUND', 'user gone does not exist'));
      return Promise.resolve([]);
    });
  });

  it('disables and enables an account from its switch; not one’s own', async () => {
    renderPage();
    const erin = await screen.findByRole('switch', { name: 'Enabled: erin' });
    expect(screen.getByRole('switch', { name: 'Enabled: admin' }).hasAttribute('disabled')).toBe(true);
    expect(erin.getAttribute('aria-checked')).toBe('true');
    await act(async () => {
      fireEvent.click(erin);
    });
    await waitFor(() =>
      expect(api).toHaveBeenCalledWith('/api/users/erin/enabled', {
        method: 'PUT',
        body: { enabled: false },
      }),
    );
    await waitFor(() =>
      expect(screen.getByRole('switch', { name: 'Enabled: erin' }).getAttribute('aria-checked')).toBe(
        'false',
      ),
    );
    expect(await screen.findByText(/erin is disabled/)).toBeTruthy();
  });

  it('deletes an account after a confirmation; not one’s own', async () => {
    renderPage();
    const erase = await screen.findByRole('button', { name: 'Delete user erin' });
    expect(screen.queryByRole('button', { name: 'Delete user admin' })).toBeNull();
    await act(async () => {
      fireEvent.click(erase);
    });
    expect(await screen.findByText(/Delete erin\? Their roles, favourites/)).toBeTruthy();
    expect(api).not.toHaveBeenCalledWith('/api/users/erin', { method: 'DELETE' });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    });
    await waitFor(() => expect(api).toHaveBeenCalledWith('/api/users/erin', { method: 'DELETE' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Delete user erin' })).toBeNull());
  });

  it('says which apps a user still owns when the delete is refused, and keeps the account listed', async () => {
    users = ['admin', 'olga'];
    renderPage();
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: 'Delete user olga' }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'olga still owns 12 app(s): a1, a10, a11, a12, a2, a3, a4, a5, a6, a7 and 2 more. Give each of them another owner first (Transfer ownership on the app’s page), then delete the account.',
    );
    expect(screen.getByRole('button', { name: 'Delete user olga' })).toBeTruthy();
  });
});
