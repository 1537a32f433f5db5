import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, seg } from '../../api/client';
import { describeError } from '../../api/describe-error';
import type { ReviewPolicy } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

export const reviewPolicyKey = (env: string, appId: string) => ['review-policy', env, appId];

export function useReviewPolicy(env: string | undefined, appId: string) {
  return useQuery({
    queryKey: reviewPolicyKey(env ?? '', appId),
    queryFn: () => api<ReviewPolicy>(`/api/envs/${seg(env!)}/apps/${seg(appId)}/review-policy`),
    enabled: env !== undefined,
  });
}

type Choice = 'default' | 'on' | 'off';

const choiceOf = (policy: ReviewPolicy): Choice =>
  policy.appChoice === null ? 'default' : policy.appChoice ? 'on' : 'off';

/**
 * Whether releases of the app need review in this environment: the app master's own choice, or
 * the environment's default (`HOUSTON_PORTAL_REVIEW_ENVS`). Others see what applies.
 */
export function ReviewPolicyControl({ env, appId, master }: { env: string; appId: string; master: boolean }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const policy = useReviewPolicy(env, appId);
  const [error, setError] = useState<string>();
  const save = useMutation({
    mutationFn: (choice: Choice) =>
      api<ReviewPolicy>(`/api/envs/${seg(env)}/apps/${seg(appId)}/review-policy`, {
        method: 'PUT',
        body: { required: choice === 'default' ? null : choice === 'on' },
      }),
    onSuccess: (answer) => {
      setError(undefined);
      queryClient.setQueryData(reviewPolicyKey(env, appId), answer);
    },
    onError: (caught) => setError(describeError(caught, t)),
  });
  if (!policy.data) return null;
  const { required, environmentDefault } = policy.data;
  if (!master)
    return (
      <Tag color={required ? 'gold' : undefined} data-testid="review-policy">
        {required ? t('policy.required') : t('policy.notRequired')}
      </Tag>
    );
  const fallback = environmentDefault ? t('policy.on') : t('policy.off');
  return (
    <Space size={4} data-testid="review-policy">
      <Tooltip title={t('policy.hint', { env })}>
        <Select<Choice>
          aria-label={t('policy.label')}
          style={{ minWidth: 230 }}
          value={choiceOf(policy.data)}
          loading={save.isPending}
          status={error ? 'error' : undefined}
          onChange={(choice) => save.mutate(choice)}
          options={[
            { value: 'default', label: `${t('policy.label')}: ${t('policy.default', { value: fallback })}` },
            { value: 'on', label: `${t('policy.label')}: ${t('policy.on')}` },
            { value: 'off', label: `${t('policy.label')}: ${t('policy.off')}` },
          ]}
        />
      </Tooltip>
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Space>
  );
}
