import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { InstancesTab } from './InstancesTab';
import { renderWithProviders } from '../../testing/render-with-providers';
import { applicationNamespace } from '../../testing/namespace-fixture';

const api = jest.fn();
jest.mock('../../api/client', () => ({
  ...jest.requireActual('../../api/client'),
  api: (...args: unknown[]) => api(...args),
}));

const ns = applicationNamespace();

const instance = (ip: string, releaseKey: string, label = '') => ({
  appId: 'shop',
  clusterName: 'default',
  dataCenter: '',
  ip,
  label,
  config: { releaseKey, releaseDeliveryTime: '2026-11-30T10:00:00Z', dataChangeLastModifiedTime: '' },
});
const page = (content: unknown[]) => ({ content, page: 0, size: 100, total: content.length });

function renderTab() {
  renderWithProviders(<InstancesTab ns={ns} />);
}

const rows = () => [...document.querySelectorAll('tr[data-ip]')];

describe('InstancesTab', () => {
  beforeEach(() => {
    api.mockReset();
    api.mockImplementation((path: string) =>
      Promise.resolve(
        path.endsWith('/instances/not-on-latest-release')
          ? page([instance('10.0.0.2', 'old-key')])
          : page([
              instance('10.0.0.1', 'new-key'),
              instance('10.0.0.2', 'old-key'),
              instance('10.0.0.1', 'new-key', 'canary'),
            ]),
      ),
    );
  });

  it('marks the clients still on an older release, counts them, and lists them alone', async () => {
    renderTab();
    expect((await screen.findByTestId('instances-summary')).textContent).toBe(
      '1 of 3 clients still hold an older release.',
    );
    // Two processes on one host told apart by their label, shown in its own column.
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getByRole('columnheader', { name: 'Label' })).toBeTruthy();
    expect(rows().filter((row) => row.textContent?.includes('canary'))).toHaveLength(1);
    const behind = rows().filter((row) => row.textContent?.includes('older release'));
    expect(behind.map((row) => row.getAttribute('data-ip'))).toEqual(['10.0.0.2']);
    await act(async () => {
      fireEvent.click(screen.getByRole('checkbox', { name: 'Only those on an older release' }));
    });
    await waitFor(() => expect(rows().map((row) => row.getAttribute('data-ip'))).toEqual(['10.0.0.2']));
  });

  it('says so when every client holds the latest release', async () => {
    api.mockImplementation((path: string) =>
      Promise.resolve(path.endsWith('/not-on-latest-release') ? page([]) : page([instance('10.0.0.1', 'k')])),
    );
    renderTab();
    expect((await screen.findByTestId('instances-summary')).textContent).toBe(
      'Every client shown holds the latest release.',
    );
  });
});
