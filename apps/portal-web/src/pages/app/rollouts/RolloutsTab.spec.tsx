import { screen } from '@testing-library/react';
import type { Rollout } from '../../../api/types';
import { RolloutDetail } from './RolloutsTab';
import { renderWithProviders } from '../../../testing/render-with-providers';
import { applicationNamespace } from '../../../testing/namespace-fixture';

const api = jest.fn();
jest.mock('../../../api/client', () => ({
  ...jest.requireActual('../../../api/client'),
  api: (...args: unknown[]) => api(...args),
}));

const ns = applicationNamespace();

function rollout(check?: { healthy: boolean; reason: string; checkedAt: string }): Rollout {
  return {
    id: 7,
    branchName: 'gray-1',
    status: 'running',
    stepIndex: 0,
    percentage: 10,
    steps: [
      { percentage: 10, bakeTimeMs: 60_000 },
      { percentage: 100, bakeTimeMs: 0 },
    ],
    gates: {
      maxRejectedInstances: 0,
      silentAfterMs: 60_000,
      checkUrl: 'http://checks.example/health',
      checkTimeoutMs: 5000,
    },
    onFailure: 'rollback',
    stepStartedAt: '2026-11-30T10:00:00Z',
    releaseTitle: 'r1',
    mergedReleaseId: 0,
    reason: '',
    createdBy: 'alice',
    createdAt: '2026-11-30T10:00:00Z',
    events: [],
    health: {
      instancesOnRelease: 1,
      rejectedInstances: 0,
      silentInstances: 0,
      rejections: [],
      ...(check ? { check } : {}),
    },
  };
}

function renderDetail() {
  renderWithProviders(<RolloutDetail ns={ns} id={7} />);
}

describe('RolloutDetail', () => {
  afterEach(() => api.mockReset());

  it("shows the HTTP check's last verdict and when it was asked", async () => {
    api.mockResolvedValue(
      rollout({ healthy: false, reason: 'status 503', checkedAt: '2026-11-30T10:01:00Z' }),
    );
    renderDetail();
    const last = await screen.findByTestId('rollout-last-check');
    expect(last.textContent).toContain('fail');
    expect(last.textContent).toContain('Last answer: status 503');
    expect(api).toHaveBeenCalledWith(`${ns.path}/rollouts/7`);
  });

  it('says the check was not asked yet before its first verdict', async () => {
    api.mockResolvedValue(rollout());
    renderDetail();
    expect((await screen.findByTestId('rollout-last-check')).textContent).toBe('Not asked yet');
  });
});
