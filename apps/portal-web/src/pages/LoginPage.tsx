import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { describeError } from '../api/describe-error';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

export function LoginPage() {
  const { t } = useI18n();
  const { user, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  // Local accounts, OIDC or both, as the portal is configured.
  const options = useQuery({
    queryKey: ['sign-in-options'],
    queryFn: () => api<{ local: boolean; oidc: boolean }>('/api/sign-in-options'),
    retry: false,
  });
  const local = options.data?.local ?? true;
  const oidc = options.data?.oidc ?? false;
  if (user) return <Navigate to={from} replace />;

  const submit = async ({ username, password }: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username, password);
      navigate(from, { replace: true });
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401
          ? t('error.BAD_CREDENTIALS')
          : describeError(caught, t),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card
        title={t('login.title')}
        extra={
          <span style={{ color: '#1677ff' }}>
            <LanguageSwitch />
          </span>
        }
        style={{ width: 380 }}
      >
        {oidc && (
          <Button block href={`/api/oidc/login?returnTo=${encodeURIComponent(from)}`}>
            {t('login.oidc')}
          </Button>
        )}
        {oidc && local && <Divider />}
        {!local && error && <Alert type="error" showIcon message={error} role="alert" />}
        {local && (
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}
            >
              <Input autoFocus autoComplete="username" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              {error && <Alert type="error" showIcon message={error} role="alert" />}
              <Button type="primary" htmlType="submit" block loading={busy}>
                {t('login.submit')}
              </Button>
            </Space>
          </Form>
        )}
      </Card>
    </div>
  );
}
