import { signWebhookBody, WEBHOOK_SIGNATURE_HEADER, type ConfigurationDiff } from '@houston/domain';
import type { ReleaseWebhookEntity } from '@houston/entities';
import { readBoundedText } from '../common/read-bounded-text';

/** Which step of a rollout a release is (`id` absent: the rollout is being started). */
export interface RolloutStepContext {
  id?: number;
  step: number;
  percentage: number;
}

/** What a validation hook receives (POST, JSON), signed in the `X-Houston-Signature` header. */
export interface ReleaseValidationPayload {
  event: 'release.validate';
  /** True when asked by a dry run: nothing will be published whatever the answer. */
  dryRun: boolean;
  appId: string;
  clusterName: string;
  namespaceName: string;
  /** A gray release: the branch it publishes (its clients are the ones the rules pick). */
  branchName?: string;
  /** A step of a progressive rollout: the share of the app's instances the release reaches with it. */
  rollout?: RolloutStepContext;
  operator: string;
  /**
   * The active release's configuration (empty before the first release); for a gray release,
   * what the branch's clients get now. Secret values are masked here and below.
   */
  previous: Record<string, string>;
  /** What the release would publish. */
  next: Record<string, string>;
  diff: ConfigurationDiff;
}

export interface HookVerdict {
  webhookId: number;
  url: string;
  allowed: boolean;
  /** The hook's message, or why it could not be asked. */
  message: string;
}

const MAX_MESSAGE_LENGTH = 500;
/** Largest answer read from a hook; a longer one is a failure, and the rest of it is not read. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Asks every hook, at once, each within its timeout. A hook allows with a 2xx answer whose JSON
 * body has `"allow": true`; `"allow": false` vetoes (its `message` says why). No answer in time,
 * another status, or a body that is not such JSON (or larger than 64 KiB) is a failure: a veto
 * unless the hook fails open. Redirects are not followed.
 */
export function callReleaseWebhooks(
  hooks: ReleaseWebhookEntity[],
  payload: ReleaseValidationPayload,
): Promise<HookVerdict[]> {
  const body = JSON.stringify(payload);
  return Promise.all(
    hooks.map(async (hook): Promise<HookVerdict> => {
      const verdict = (allowed: boolean, message: string) => ({
        webhookId: hook.id,
        url: hook.url,
        allowed,
        message: message.slice(0, MAX_MESSAGE_LENGTH),
      });
      const failed = (why: string) =>
        hook.failOpen ? verdict(true, `${why} (fail-open: allowed)`) : verdict(false, why);
      try {
        const response = await fetch(hook.url, {
          method: 'POST',
          redirect: 'error',
          signal: AbortSignal.timeout(hook.timeoutMs),
          headers: {
            'content-type': 'application/json',
            'x-houston-event': payload.event,
            [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(hook.secret, Date.now(), body),
          },
          body,
        });
        const { text, complete } = await readBoundedText(response, MAX_ANSWER_BYTES);
        if (response.status < 200 || response.status > 299)
          return failed(`the webhook answered ${response.status}`);
        if (!complete) return failed(`the webhook's answer is larger than ${MAX_ANSWER_BYTES / 1024} KiB`);
        let answer: { allow?: unknown; message?: unknown };
        try {
          answer = JSON.parse(text) as typeof answer;
        } catch {
          return failed('the webhook did not answer JSON');
        }
        if (typeof answer?.allow !== 'boolean') return failed('the webhook answer has no boolean "allow"');
        const message =
          typeof answer.message === 'string' ? answer.message : answer.allow ? 'allowed' : 'vetoed';
        return verdict(answer.allow, message);
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        return failed(
          timedOut
            ? `the webhook did not answer within ${hook.timeoutMs} ms`
            : 'the webhook could not be reached',
        );
      }
    }),
  );
}
