import { useQuery } from '@tanstack/react-query';
import { Alert, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { api, seg } from '../api/client';
import { describeError } from '../api/describe-error';
import { useCurrentEnv } from '../api/queries';
import type { App } from '../api/types';
import { useI18n } from '../i18n/i18n';

export function AppPage() {
  const { appId = '' } = useParams();
  const { t } = useI18n();
  const [env] = useCurrentEnv();
  const app = useQuery({
    queryKey: ['app', env, appId],
    queryFn: () => api<App>(`/api/envs/${seg(env!)}/apps/${seg(appId)}`),
    enabled: env !== undefined,
  });
  return (
    <>
      <Typography.Title level={3}>
        {appId} {app.data && <Typography.Text type="secondary">{app.data.name}</Typography.Text>}
      </Typography.Title>
      {app.error && <Alert type="error" showIcon message={describeError(app.error, t)} />}
    </>
  );
}
