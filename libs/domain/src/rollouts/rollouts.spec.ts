import { matchesGrayRules, validateGrayRules } from '../gray/gray-rules';
import { validateClientReports } from './client-reports';
import { validateRolloutPlan, parseRolloutDuration } from './rollout-plan';
import {
  advanceFrom,
  evaluateGates,
  httpCheckVerdict,
  nextRolloutAction,
  type RolloutState,
} from './rollout-progress';
import { inPercentage, isValidPercentage, stickyBucket } from './sticky-bucket';

const ips = Array.from({ length: 2000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);

describe('sticky bucket', () => {
  it('puts a client in the same bucket every time, in [0, 100) with two decimals', () => {
    for (const ip of ips.slice(0, 50)) {
      const bucket = stickyBucket('branch-1', 'shop', ip);
      expect(stickyBucket('branch-1', 'SHOP', ip)).toBe(bucket);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(100);
      expect(bucket * 100).toBeCloseTo(Math.round(bucket * 100), 6);
    }
  });

  it('widening a percentage only adds clients, and spreads them about evenly', () => {
    const buckets = ips.map((ip) => stickyBucket('branch-1', 'shop', ip));
    const at = (percentage: number) => new Set(ips.filter((_, i) => inPercentage(buckets[i]!, percentage)));
    const [one, ten, fifty, all] = [at(1), at(10), at(50), at(100)];
    for (const ip of one) expect(ten.has(ip)).toBe(true);
    for (const ip of ten) expect(fifty.has(ip)).toBe(true);
    expect(all.size).toBe(ips.length);
    expect(at(0).size).toBe(0);
    // 2,000 clients: a fair hash puts 1,000 ± a few dozen below 50.
    expect(fifty.size).toBeGreaterThan(900);
    expect(fifty.size).toBeLessThan(1100);
    expect(ten.size).toBeGreaterThan(140);
    expect(ten.size).toBeLessThan(260);
  });

  it('another rollout (another salt) picks other clients', () => {
    const first = ips.filter((ip) => stickyBucket('branch-1', 'shop', ip) < 10);
    const second = ips.filter((ip) => stickyBucket('branch-2', 'shop', ip) < 10);
    const shared = first.filter((ip) => second.includes(ip)).length;
    expect(shared).toBeLessThan(first.length / 2);
  });

  it('accepts percentages from 0 to 100 with at most two decimals', () => {
    expect([0, 0.5, 1, 12.25, 100].every(isValidPercentage)).toBe(true);
    expect([-1, 100.01, 1.005, NaN, Infinity, '10'].some(isValidPercentage)).toBe(false);
  });
});

describe('percentage gray rules', () => {
  it('match the share of the app whose bucket is inside, and never a client without an IP', () => {
    const rule = [{ clientAppId: 'shop', clientIpList: [], clientLabelList: [], percentage: 30 }];
    const matched = ips.filter((ip) => matchesGrayRules(rule, { appId: 'shop', ip }, 'b1'));
    expect(matched).toEqual(ips.filter((ip) => inPercentage(stickyBucket('b1', 'shop', ip), 30)));
    expect(matched.length).toBeGreaterThan(0);
    expect(matchesGrayRules(rule, { appId: 'shop' }, 'b1')).toBe(false);
    expect(matchesGrayRules(rule, { appId: 'other', ip: matched[0] }, 'b1')).toBe(false);
    const all = [{ ...rule[0]!, percentage: 100 }];
    expect(matchesGrayRules(all, { appId: 'shop', ip: ips[7] }, 'b1')).toBe(true);
  });

  it('are validated: a percentage alone is enough, a bad one is refused', () => {
    expect(validateGrayRules([{ clientAppId: 'shop', percentage: 12.5 }])).toEqual([
      { clientAppId: 'shop', clientIpList: [], clientLabelList: [], percentage: 12.5 },
    ]);
    expect(() => validateGrayRules([{ clientAppId: 'shop', percentage: 101 }])).toThrow('percentage');
    expect(() => validateGrayRules([{ clientAppId: 'shop', percentage: '5' }])).toThrow('percentage');
  });
});

describe('rollout plan', () => {
  const limits = { minBakeTimeMs: 60_000 };
  const plan = {
    steps: [{ percentage: 1, bakeTime: '10m' }, { percentage: 10, bakeTime: '1h' }, { percentage: 100 }],
  };

  it('reads steps, bake times and defaults', () => {
    expect(validateRolloutPlan(plan, limits)).toEqual({
      steps: [
        { percentage: 1, bakeTimeMs: 600_000 },
        { percentage: 10, bakeTimeMs: 3_600_000 },
        { percentage: 100, bakeTimeMs: 0 },
      ],
      gates: { maxRejectedInstances: 0, silentAfterMs: 600_000, checkTimeoutMs: 5_000 },
      onFailure: 'rollback',
    });
    const gated = validateRolloutPlan(
      {
        ...plan,
        gates: {
          maxRejectedInstances: 2,
          maxSilentInstances: 0,
          silentAfter: '2m',
          checkUrl: 'http://127.0.0.1:9/ok',
          checkTimeout: '2s',
        },
        onFailure: 'pause',
      },
      limits,
    );
    expect(gated.gates).toEqual({
      maxRejectedInstances: 2,
      maxSilentInstances: 0,
      silentAfterMs: 120_000,
      checkUrl: 'http://127.0.0.1:9/ok',
      checkTimeoutMs: 2_000,
    });
    expect(gated.onFailure).toBe('pause');
  });

  it('refuses plans that do not rise to 100, bake too little, or gate nonsense', () => {
    const refused = (input: unknown) => {
      try {
        validateRolloutPlan(input, limits);
      } catch (error) {
        return (error as { details: { field: string } }).details.field;
      }
      return 'accepted';
    };
    expect(refused({})).toBe('steps');
    expect(refused({ steps: [{ percentage: 100 }] })).toBe('steps');
    expect(
      refused({
        steps: [{ percentage: 10, bakeTime: '1m' }, { percentage: 5, bakeTime: '1m' }, { percentage: 100 }],
      }),
    ).toBe('steps[1].percentage');
    expect(refused({ steps: [{ percentage: 10, bakeTime: '1m' }, { percentage: 50 }] })).toBe(
      'steps[1].percentage',
    );
    expect(refused({ steps: [{ percentage: 10, bakeTime: '5s' }, { percentage: 100 }] })).toBe(
      'steps[0].bakeTime',
    );
    expect(refused({ steps: [{ percentage: 10, bakeTime: 'soon' }, { percentage: 100 }] })).toBe(
      'steps[0].bakeTime',
    );
    expect(refused({ steps: [{ percentage: 10 }, { percentage: 100, bakeTime: '1m' }] })).toBe(
      'steps[1].bakeTime',
    );
    expect(refused({ steps: [{ percentage: 0 }, { percentage: 100 }] })).toBe('steps[0].percentage');
    expect(refused({ ...plan, gates: { checkUrl: 'file:///etc/passwd' } })).toBe('gates.checkUrl');
    expect(refused({ ...plan, gates: { checkUrl: 'http://u:p@127.0.0.1/' } })).toBe('gates.checkUrl');
    expect(refused({ ...plan, gates: { maxRejectedInstances: -1 } })).toBe('gates.maxRejectedInstances');
    expect(refused({ ...plan, onFailure: 'shrug' })).toBe('onFailure');
    expect(refused({ steps: [{ percentage: 10, bakeTime: '0s' }, { percentage: 100 }] })).toBe(
      'steps[0].bakeTime',
    );
    expect(
      validateRolloutPlan(
        { steps: [{ percentage: 10, bakeTime: '0s' }, { percentage: 100 }] },
        { minBakeTimeMs: 0 },
      ).steps[0]!.bakeTimeMs,
    ).toBe(0);
  });

  it('reads durations', () => {
    expect(parseRolloutDuration('500ms', 'x')).toBe(500);
    expect(parseRolloutDuration('2d', 'x')).toBe(172_800_000);
    expect(parseRolloutDuration(1500, 'x')).toBe(1500);
    expect(() => parseRolloutDuration('1 hour', 'x')).toThrow('duration');
  });
});

describe('rollout progress', () => {
  const steps = [
    { percentage: 1, bakeTimeMs: 1000 },
    { percentage: 50, bakeTimeMs: 1000 },
    { percentage: 100, bakeTimeMs: 0 },
  ];
  const healthy = { healthy: true, failures: [], gates: [] };
  const state = (stepIndex: number, status: RolloutState['status'] = 'running'): RolloutState => ({
    status,
    steps,
    stepIndex,
    stepStartedAt: new Date(10_000),
  });

  it('waits out the bake time, then advances, and completes at the step of 100 %', () => {
    expect(nextRolloutAction(state(0), new Date(10_500), healthy, 'rollback')).toEqual({
      kind: 'wait',
      remainingMs: 500,
    });
    expect(nextRolloutAction(state(0), new Date(11_000), healthy, 'rollback')).toEqual({
      kind: 'advance',
      toStep: 1,
    });
    expect(nextRolloutAction(state(1), new Date(11_000), healthy, 'rollback')).toEqual({ kind: 'complete' });
    expect(advanceFrom(state(0))).toEqual({ kind: 'advance', toStep: 1 });
  });

  it('acts on a failed gate at once, and never moves a paused rollout', () => {
    const failed = {
      healthy: false,
      failures: ['2 instance(s) rejected the release'],
      gates: ['rejected_instances' as const],
    };
    expect(nextRolloutAction(state(0), new Date(10_001), failed, 'rollback')).toEqual({
      kind: 'fail',
      action: 'rollback',
      failures: failed.failures,
      gates: ['rejected_instances'],
    });
    expect(nextRolloutAction(state(0), new Date(10_001), failed, 'pause')).toMatchObject({ action: 'pause' });
    expect(nextRolloutAction(state(0, 'paused'), new Date(99_000), healthy, 'rollback').kind).toBe('wait');
    expect(nextRolloutAction(state(0, 'completed'), new Date(99_000), failed, 'rollback').kind).toBe('wait');
  });

  it('fails each gate beyond its limit', () => {
    const gates = {
      maxRejectedInstances: 1,
      maxSilentInstances: 0,
      silentAfterMs: 1000,
      checkTimeoutMs: 1000,
    };
    expect(evaluateGates(gates, { rejectedInstances: 1, silentInstances: 0 })).toEqual(healthy);
    const verdict = evaluateGates(gates, {
      rejectedInstances: 2,
      silentInstances: 1,
      check: { healthy: false, reason: 'HTTP 503' },
    });
    expect(verdict.healthy).toBe(false);
    expect(verdict.failures).toHaveLength(3);
    expect(verdict.gates).toEqual(['rejected_instances', 'silent_instances', 'http_check']);
    expect(
      evaluateGates({ ...gates, maxSilentInstances: undefined }, { rejectedInstances: 0, silentInstances: 9 })
        .healthy,
    ).toBe(true);
  });

  it('reads an HTTP check: its own verdicts and a Prometheus answer', () => {
    expect(httpCheckVerdict(200, '{"healthy":true}').healthy).toBe(true);
    expect(httpCheckVerdict(200, '{"healthy":false}').healthy).toBe(false);
    expect(httpCheckVerdict(200, '{"verdict":"pass"}').healthy).toBe(true);
    expect(httpCheckVerdict(200, '{"verdict":"fail"}').healthy).toBe(false);
    expect(
      httpCheckVerdict(200, '{"status":"success","data":{"resultType":"vector","result":[]}}').healthy,
    ).toBe(true);
    expect(httpCheckVerdict(200, '{"status":"success","data":{"result":[{"value":[1,"5"]}]}}')).toEqual({
      healthy: false,
      reason: 'query returned 1 series',
    });
    expect(httpCheckVerdict(503, '{"healthy":true}')).toEqual({ healthy: false, reason: 'HTTP 503' });
    expect(httpCheckVerdict(200, 'ok').healthy).toBe(false);
    expect(httpCheckVerdict(200, '{}').healthy).toBe(false);
  });
});

describe('client reports', () => {
  it('reads a batch and refuses what is out of bounds', () => {
    expect(
      validateClientReports({
        appId: 'shop',
        ip: '10.0.0.1',
        reports: [
          {
            namespaceName: 'application.properties',
            releaseKey: 'k1+k2',
            status: 'rejected',
            message: 'bad',
          },
        ],
      }),
    ).toEqual({
      appId: 'shop',
      cluster: 'default',
      dataCenter: '',
      ip: '10.0.0.1',
      reports: [{ namespaceName: 'application', releaseKey: 'k1+k2', status: 'rejected', message: 'bad' }],
    });
    const report = { namespaceName: 'application', releaseKey: 'k1', status: 'applied' };
    expect(() => validateClientReports({ appId: 'shop', reports: [] })).toThrow('reports');
    expect(() => validateClientReports({ appId: 'shop', reports: Array(101).fill(report) })).toThrow(
      'reports',
    );
    expect(() => validateClientReports({ appId: 'shop', reports: [{ ...report, status: 'meh' }] })).toThrow(
      'status',
    );
    expect(() =>
      validateClientReports({ appId: 'shop', reports: [{ ...report, message: 'x'.repeat(257) }] }),
    ).toThrow('message');
    expect(() =>
      validateClientReports({ appId: 'shop', reports: [{ ...report, releaseKey: 'a b' }] }),
    ).toThrow('releaseKey');
    expect(() => validateClientReports({ appId: 'shop ', reports: [report] })).toThrow();
    expect(() => validateClientReports({ appId: 'shop', ip: 'x'.repeat(65), reports: [report] })).toThrow(
      'ip',
    );
    expect(() => validateClientReports([report])).toThrow('body');
  });
});
