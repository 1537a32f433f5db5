// Component tests render a page or dialog inside what the console's root gives it: server state
// (a fresh query cache per test, no retries so a failed call shows at once), the language, and
// antd's App context for its messages and modals.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import { App as AntApp } from 'antd';
import type { ReactElement } from 'react';
import { I18nProvider, type Language } from '../i18n/i18n';

export function renderWithProviders(
  ui: ReactElement,
  options: { language?: Language } = {},
): RenderResult & { queryClient: QueryClient } {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider language={options.language ?? 'en'}>
        <AntApp>{ui}</AntApp>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}
