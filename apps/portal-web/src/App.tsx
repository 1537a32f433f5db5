import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Badge, Button, ConfigProvider, Layout, Menu, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { api } from './api/client';
import type { ReviewBadge } from './api/types';
import { LanguageSwitch } from './components/LanguageSwitch';
import { useI18n } from './i18n/i18n';
import { AccessKeysPage } from './pages/AccessKeysPage';
import { AppPage } from './pages/AppPage';
import { AppsPage } from './pages/AppsPage';
import { AuditPage } from './pages/AuditPage';
import { LoginPage } from './pages/LoginPage';
import { ReviewsPage } from './pages/ReviewsPage';
import { RolesPage } from './pages/RolesPage';
import { UsersPage } from './pages/UsersPage';
import { useSession } from './session';

/** Pending releases the user may approve, refreshed every half minute. */
function useReviewBadge(enabled: boolean) {
  return useQuery({
    queryKey: ['review-badge'],
    queryFn: () => api<ReviewBadge>('/api/review-requests/badge'),
    enabled,
    refetchInterval: 30_000,
  });
}

function Shell() {
  const { user, signOut } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  const badge = useReviewBadge(Boolean(user));
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const selected = location.pathname.startsWith('/admin/users')
    ? 'users'
    : location.pathname.startsWith('/admin/audit')
      ? 'audit'
      : location.pathname.startsWith('/reviews')
        ? 'reviews'
        : 'apps';
  const items = [
    { key: 'apps', label: <Link to="/">{t('nav.apps')}</Link> },
    {
      key: 'reviews',
      label: (
        <Link to="/reviews" data-testid="reviews-link">
          {t('nav.reviews')}{' '}
          <Badge count={badge.data?.toReview ?? 0} size="small" data-testid="review-badge" />
        </Link>
      ),
    },
    ...(user.isSuperAdmin
      ? [
          { key: 'users', label: <Link to="/admin/users">{t('nav.users')}</Link> },
          { key: 'audit', label: <Link to="/admin/audit">{t('nav.audit')}</Link> },
        ]
      : []),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Link to="/" style={{ color: '#fff', fontWeight: 600, fontSize: 18 }}>
          {t('app.title')}
        </Link>
        <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={items} style={{ flex: 1 }} />
        <Space style={{ color: '#fff' }}>
          <LanguageSwitch />
          <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
            {user.displayName || user.username}
          </Typography.Text>
          <Button type="text" style={{ color: '#fff' }} onClick={() => void signOut()}>
            {t('nav.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1440, width: '100%', margin: '0 auto' }}>
        <Routes>
          <Route path="/" element={<AppsPage />} />
          <Route path="/apps/:appId" element={<AppPage />} />
          <Route path="/apps/:appId/roles" element={<RolesPage />} />
          <Route path="/apps/:appId/keys" element={<AccessKeysPage />} />
          <Route path="/reviews" element={<ReviewsPage />} />
          <Route path="/admin/users" element={<UsersPage />} />
          <Route path="/admin/audit" element={<AuditPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Layout.Content>
    </Layout>
  );
}

export function App() {
  const { language } = useI18n();
  const { user } = useSession();
  return (
    <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS}>
      <AntApp>
        {user === undefined ? (
          <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />
        ) : (
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="*" element={<Shell />} />
          </Routes>
        )}
      </AntApp>
    </ConfigProvider>
  );
}
