import { useQuery } from '@tanstack/react-query';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../api/client';
import { GrayTab } from './GrayTab';
import { namespacesKey } from './namespace-context';
import { renderWithProviders } from '../../testing/render-with-providers';
import { provideMessageChannel } from '../../testing/message-channel';
import { applicationNamespace } from '../../testing/namespace-fixture';

const api = jest.fn();
jest.mock('../../api/client', () => ({
  ...jest.requireActual('../../api/client'),
  api: (...args: unknown[]) => api(...args),
}));

provideMessageChannel();

jest.setTimeout(90_000);

const ns = applicationNamespace({ isPublic: true });
const BRANCH = `${ns.path}/branches/gray-1`;

const instance = (appId: string, ip: string, label: string) => ({
  appId,
  clusterName: 'default',
  dataCenter: '',
  ip,
  label,
  config: { releaseKey: 'k', releaseDeliveryTime: '2026-11-30T10:00:00Z', dataChangeLastModifiedTime: '' },
});
// Two processes on 10.0.0.2 with different labels, one unlabelled, and a client of another app
// reading this public namespace.
const CONNECTED = [
  instance('shop', '10.0.0.1', 'blue'),
  instance('shop', '10.0.0.2', 'green'),
  instance('shop', '10.0.0.2', ''),
  instance('shop', '10.0.0.3', 'blue'),
  instance('billing', '10.0.0.9', 'red'),
];

function answer(path: string, init?: { method?: string }): unknown {
  if (init?.method === 'PUT') return {};
  if (path === `${ns.path}/branches`)
    return { branchName: 'gray-1', ruleItems: [], releaseId: 2, baseReleaseId: 1 };
  if (path === `${ns.path}/instances`)
    return { content: CONNECTED, page: 0, size: 100, total: CONNECTED.length };
  return [];
}

const openPopups = () => [
  ...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'),
];
const optionsShown = () =>
  openPopups().flatMap((popup) =>
    [...popup.querySelectorAll('.ant-select-item-option')].map((option) => option.getAttribute('title')!),
  );

/** Opens the select named `name` (closing any other) and waits for it to offer `expected`. */
async function expectOffered(name: string, expected: string[]): Promise<void> {
  for (const input of screen.getAllByRole('combobox')) {
    if (input.getAttribute('aria-expanded') !== 'true') continue;
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Escape', code: 'Escape', keyCode: 27 });
    });
  }
  await waitFor(() => expect(openPopups()).toHaveLength(0));
  const input = screen.getByRole('combobox', { name });
  await act(async () => {
    fireEvent.mouseDown(input.closest('.ant-select')!);
  });
  await waitFor(() => expect(input.getAttribute('aria-expanded')).toBe('true'));
  await waitFor(() => expect(optionsShown()).toEqual(expected));
}

/** Picks `value` in the select opened last. */
async function choose(value: string): Promise<void> {
  const option = [...openPopups()[0]!.querySelectorAll('.ant-select-item-option')].find(
    (candidate) => candidate.getAttribute('title') === value,
  )!;
  await act(async () => {
    fireEvent.click(option);
  });
}

async function saveRules(): Promise<unknown> {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
  });
  await waitFor(() => expect(api.mock.calls.some(([, init]) => init?.method === 'PUT')).toBe(true));
  const [path, init] = api.mock.calls.find(([, init]) => init?.method === 'PUT')!;
  expect(path).toBe(`${BRANCH}/rules`);
  return init.body;
}

describe('GrayTab rules', () => {
  beforeEach(() => {
    api.mockReset();
    api.mockImplementation((path: string, init?: { method?: string }) => Promise.resolve(answer(path, init)));
  });

  it('offers the labels of the connected instances, and saves the chosen one for this app', async () => {
    renderWithProviders(<GrayTab ns={ns} />);
    await screen.findByRole('combobox', { name: 'Client labels' });
    await waitFor(() => expect(api.mock.calls.some(([path]) => path === `${ns.path}/instances`)).toBe(true));
    await expectOffered('Client labels', ['blue', 'green']);
    await choose('blue');
    expect(await saveRules()).toEqual({
      ruleItems: [{ clientAppId: 'shop', clientIpList: [], clientLabelList: ['blue'] }],
    });
  });

  it('offers the apps of the connected instances; another app brings its own labels', async () => {
    renderWithProviders(<GrayTab ns={ns} />);
    await screen.findByRole('combobox', { name: 'Client app id' });
    await expectOffered('Client app id', ['shop', 'billing']);
    await choose('billing');
    await expectOffered('Client labels', ['red']);
    await choose('red');
    expect(await saveRules()).toEqual({
      ruleItems: [{ clientAppId: 'billing', clientIpList: [], clientLabelList: ['red'] }],
    });
  });

  it('takes an app typed by hand, one that has not connected yet, and a label typed by hand', async () => {
    renderWithProviders(<GrayTab ns={ns} />);
    await screen.findByRole('combobox', { name: 'Client app id' });
    await expectOffered('Client app id', ['shop', 'billing']);
    await act(async () => {
      fireEvent.change(screen.getByRole('combobox', { name: 'Client app id' }), {
        target: { value: 'newcomer' },
      });
    });
    await choose('newcomer');
    await expectOffered('Client labels', []);
    const labels = screen.getByRole('combobox', { name: 'Client labels' });
    await act(async () => {
      fireEvent.change(labels, { target: { value: 'canary' } });
    });
    await act(async () => {
      fireEvent.keyDown(labels, { key: 'Enter', code: 'Enter', keyCode: 13 });
    });
    expect(await saveRules()).toEqual({
      ruleItems: [{ clientAppId: 'newcomer', clientIpList: [], clientLabelList: ['canary'] }],
    });
  });
});

/** The app page's namespace list, which a release refreshes: its refetch is slow here (it never ends). */
let namespaceListReads = 0;
function SlowNamespaceList() {
  useQuery({
    queryKey: namespacesKey(ns.env, ns.appId, ns.cluster),
    queryFn: () => (namespaceListReads++ === 0 ? Promise.resolve([]) : new Promise<never>(() => undefined)),
  });
  return null;
}

describe('GrayTab after a merge', () => {
  it('creates the next branch at once, while the page is still refreshing after the merge', async () => {
    let merged = false;
    api.mockReset();
    api.mockImplementation((path: string, init?: { method?: string }) => {
      if (path === `${ns.path}/branches` && !init?.method && merged)
        return Promise.reject(new ApiError(404, 'NOT_FOUND', 'no branch'));
      if (path === `${BRANCH}/merge`) merged = true;
      if (path === `${ns.path}/branches` && init?.method === 'POST') merged = false;
      return Promise.resolve(answer(path, init));
    });
    renderWithProviders(
      <>
        <SlowNamespaceList />
        <GrayTab ns={ns} />
      </>,
    );
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: 'Merge to main and release' }));
    });
    const confirm = await screen.findByRole('tooltip');
    await act(async () => {
      fireEvent.click(within(confirm).getByRole('button', { name: 'Merge to main and release' }));
    });
    const create = await screen.findByRole('button', { name: 'Create gray branch' });
    await act(async () => {
      fireEvent.click(create);
    });
    await waitFor(() =>
      expect(
        api.mock.calls.some(([path, init]) => path === `${ns.path}/branches` && init?.method === 'POST'),
      ).toBe(true),
    );
  });
});
