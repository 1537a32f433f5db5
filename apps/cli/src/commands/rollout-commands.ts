import type { RolloutDto } from '@houston/admin-client';
import { stringOption, wholeNumberOption } from '../args/parse-argv';
import { CommandError, UsageError } from '../cli-errors';
import { formatTable } from '../output/format-table';
import type { Command, CommandContext } from './command';

/** `1:10m,10:30m,100` → steps: a percentage and its bake time, the last without one. */
export function parseSteps(text: string): Array<{ percentage: number; bakeTime?: string }> {
  return text.split(',').map((part) => {
    const [percentage, bakeTime, extra] = part.trim().split(':');
    const value = Number(percentage);
    if (!percentage || !Number.isFinite(value) || extra !== undefined)
      throw new UsageError(`--steps: '${part}' is not <percentage>[:<bake time>], e.g. 1:10m,10:30m,100`);
    return bakeTime ? { percentage: value, bakeTime } : { percentage: value };
  });
}

function onFailureOption(context: CommandContext): 'rollback' | 'pause' | undefined {
  const value = stringOption(context.options, 'on-failure');
  if (value !== undefined && value !== 'rollback' && value !== 'pause')
    throw new UsageError('--on-failure must be rollback or pause');
  return value;
}

function formatRollout(rollout: RolloutDto): string {
  const steps = rollout.steps
    .map(
      (step, index) =>
        `${index === rollout.stepIndex ? '[' : ''}${step.percentage} %${index === rollout.stepIndex ? ']' : ''}`,
    )
    .join(' → ');
  const lines = [
    `rollout ${rollout.id} of ${rollout.appId}/${rollout.clusterName}/${rollout.namespaceName}: ${rollout.status.replace('_', ' ')}`,
    `steps: ${steps}`,
  ];
  if (rollout.nextStepAt) lines.push(`next step: ${rollout.nextStepAt} if healthy`);
  if (rollout.reason) lines.push(`reason: ${rollout.reason}`);
  if (rollout.health)
    lines.push(
      `health: ${rollout.health.instancesOnRelease} instance(s) on the release, ${rollout.health.rejectedInstances} rejected, ${rollout.health.silentInstances} silent`,
    );
  if (rollout.events && rollout.events.length > 0) {
    lines.push(
      formatTable(rollout.events, [
        { header: 'at', value: (event) => event.at },
        { header: 'event', value: (event) => event.kind },
        { header: 'step', value: (event) => event.stepIndex },
        { header: 'by', value: (event) => event.operator },
        { header: 'detail', value: (event) => event.detail },
      ]).trimEnd(),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The rollout named on the command line, else the namespace's running or paused one. */
async function rolloutId(context: CommandContext): Promise<number> {
  const given = context.args[0];
  if (given !== undefined) {
    if (!/^\d+$/.test(given)) throw new UsageError(`rollout id must be a number, not '${given}'`);
    return Number(given);
  }
  const active = (await context.api().listRollouts({ path: context.target() })).find(
    (rollout) => rollout.status === 'running' || rollout.status === 'paused',
  );
  if (!active) throw new CommandError('this namespace has no running or paused rollout; name one by its id');
  return active.id;
}

const actions = ['pause', 'resume', 'advance', 'abort'] as const;
const summaries: Record<(typeof actions)[number], string> = {
  pause: 'hold the rollout at its step (no automatic step until resumed)',
  resume: "run a paused rollout again (its step's bake time starts over)",
  advance: 'go to the next step now (at 100 %: merge for everyone)',
  abort: 'stop the rollout: every client goes back to the main release',
};

export const rolloutCommands: Command[] = [
  {
    words: ['rollout', 'start'],
    usage: '',
    summary:
      'release the unreleased changes to a growing share of instances: --steps 1:10m,10:30m,100 [--max-rejected N --max-silent N --silent-after 10m --check-url U --check-timeout 5s --on-failure rollback|pause]',
    options: [
      'steps',
      'title',
      'comment',
      'branch',
      'max-rejected',
      'max-silent',
      'silent-after',
      'check-url',
      'check-timeout',
      'on-failure',
    ],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const stepsText = stringOption(context.options, 'steps');
      if (!stepsText) throw new UsageError('--steps is required, e.g. --steps 1:10m,10:30m,100');
      const gates = {
        maxRejectedInstances: wholeNumberOption(context.options, 'max-rejected'),
        maxSilentInstances: wholeNumberOption(context.options, 'max-silent'),
        silentAfter: stringOption(context.options, 'silent-after'),
        checkUrl: stringOption(context.options, 'check-url'),
        checkTimeout: stringOption(context.options, 'check-timeout'),
      };
      const rollout = await context.api().startRollout({
        path: context.target(),
        body: {
          steps: parseSteps(stepsText),
          gates: Object.fromEntries(Object.entries(gates).filter(([, value]) => value !== undefined)),
          onFailure: onFailureOption(context),
          branchName: stringOption(context.options, 'branch'),
          releaseTitle: stringOption(context.options, 'title'),
          releaseComment: stringOption(context.options, 'comment'),
        },
      });
      context.print(() => formatRollout(rollout), rollout);
    },
  },
  {
    words: ['rollout', 'list'],
    usage: '',
    summary: "the namespace's rollouts, newest first",
    options: [],
    minArgs: 0,
    maxArgs: 0,
    async run(context) {
      const rollouts = await context.api().listRollouts({ path: context.target() });
      context.print(
        () =>
          formatTable(rollouts, [
            { header: 'id', value: (rollout) => rollout.id },
            { header: 'status', value: (rollout) => rollout.status },
            { header: 'percent', value: (rollout) => rollout.percentage },
            { header: 'step', value: (rollout) => `${rollout.stepIndex + 1}/${rollout.steps.length}` },
            { header: 'started by', value: (rollout) => rollout.createdBy },
            { header: 'created', value: (rollout) => rollout.createdAt },
          ]),
        rollouts,
      );
    },
  },
  {
    words: ['rollout', 'status'],
    usage: '[id]',
    summary: 'one rollout (default: the running or paused one) with its events and health',
    options: [],
    minArgs: 0,
    maxArgs: 1,
    async run(context) {
      const rollout = await context
        .api()
        .getRollout({ path: { ...context.target(), id: await rolloutId(context) } });
      context.print(() => formatRollout(rollout), rollout);
    },
  },
  ...actions.map((action): Command => ({
    words: ['rollout', action],
    usage: '[id]',
    summary: summaries[action],
    options: ['reason'],
    minArgs: 0,
    maxArgs: 1,
    async run(context) {
      const path = { ...context.target(), id: await rolloutId(context) };
      const body = { reason: stringOption(context.options, 'reason') };
      const api = context.api();
      const rollout =
        action === 'pause'
          ? await api.pauseRollout({ path, body })
          : action === 'resume'
            ? await api.resumeRollout({ path, body })
            : action === 'advance'
              ? await api.advanceRollout({ path, body })
              : await api.abortRollout({ path, body });
      context.print(() => formatRollout(rollout), rollout);
    },
  })),
];
