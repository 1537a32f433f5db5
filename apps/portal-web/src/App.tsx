import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Badge, Button, ConfigProvider, Layout, Menu, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { api } from './api/client';
import type { ReviewBadge } from './api/types';
import { LanguageSwitch } from './components/LanguageSwitch';
import { useI18n } from './i18n/i18n';
import { LoginPage } from './pages/LoginPage';
import { useSession } from './session';

// Each page is its own chunk, loaded when first shown: the first load is the shell and the
// sign-in page, and the editor (CodeMirror) comes only with the app page.
const AppsPage = lazy(() => import('./pages/AppsPage').then((m) => ({ default: m.AppsPage })));
const AppPage = lazy(() => import('./pages/AppPage').then((m) => ({ default: m.AppPage })));
const RolesPage = lazy(() => import('./pages/RolesPage').then((m) => ({ default: m.RolesPage })));
const AccessKeysPage = lazy(() =>
  import('./pages/AccessKeysPage').then((m) => ({ default: m.AccessKeysPage })),
);
const WebhooksPage = lazy(() =>
  import('./pages/webhooks/WebhooksPage').then((m) => ({ default: m.WebhooksPage })),
);
const ReviewsPage = lazy(() => import('./pages/ReviewsPage').then((m) => ({ default: m.ReviewsPage })));
const UsersPage = lazy(() => import('./pages/UsersPage').then((m) => ({ default: m.UsersPage })));
const SearchPage = lazy(() => import('./pages/SearchPage').then((m) => ({ default: m.SearchPage })));
const TransferPage = lazy(() => import('./pages/TransferPage').then((m) => ({ default: m.TransferPage })));
const ConsumersPage = lazy(() => import('./pages/ConsumersPage').then((m) => ({ default: m.ConsumersPage })));
const AuditPage = lazy(() => import('./pages/AuditPage').then((m) => ({ default: m.AuditPage })));

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
    : location.pathname.startsWith('/admin/consumers')
      ? 'consumers'
      : location.pathname.startsWith('/admin/audit')
        ? 'audit'
        : location.pathname.startsWith('/reviews')
          ? 'reviews'
          : location.pathname.startsWith('/search')
            ? 'search'
            : 'apps';
  const items = [
    { key: 'apps', label: <Link to="/">{t('nav.apps')}</Link> },
    { key: 'search', label: <Link to="/search">{t('nav.search')}</Link> },
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
          { key: 'consumers', label: <Link to="/admin/consumers">{t('nav.consumers')}</Link> },
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
        <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: '20vh' }} />}>
          <Routes>
            <Route path="/" element={<AppsPage />} />
            <Route path="/apps/:appId" element={<AppPage />} />
            <Route path="/apps/:appId/roles" element={<RolesPage />} />
            <Route path="/apps/:appId/keys" element={<AccessKeysPage />} />
            <Route path="/apps/:appId/webhooks" element={<WebhooksPage />} />
            <Route path="/apps/:appId/transfer" element={<TransferPage />} />
            <Route path="/reviews" element={<ReviewsPage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/admin/users" element={<UsersPage />} />
            <Route path="/admin/audit" element={<AuditPage />} />
            <Route path="/admin/consumers" element={<ConsumersPage />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
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
