import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { META_SERVER_ENV, startMetaServer } from '@houston/meta-server';
import { bindHostEnv, openRuntime, RUNTIME_ENV, type RunningServer, type Runtime } from '@houston/runtime';
import { loadEnv } from '@houston/server-kit';
import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { parse } from 'yaml';
import { startAllInOne, type RunningHouston } from './all-in-one';
import { isExported, scrape, valueOf, type Scrape } from './test-support/scrape';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

const OBSERVABILITY = resolve(__dirname, '../../../deploy/observability');
const METRIC_NAME = /\b(?:houston|process|nodejs)_[a-z0-9_]+\b/g;

/** Every PromQL expression of the Grafana dashboard (panel targets and template queries). */
function dashboardExpressions(): string[] {
  const dashboard = JSON.parse(readFileSync(join(OBSERVABILITY, 'grafana-dashboard.json'), 'utf8'));
  const panels = dashboard.panels.filter((panel: any) => panel.type !== 'row');
  expect(panels.length).toBeGreaterThan(10);
  const targets = panels.flatMap((panel: any) => panel.targets.map((target: any) => target.expr as string));
  const templates = dashboard.templating.list
    .filter((variable: any) => variable.type === 'query')
    .map((variable: any) => variable.query as string);
  return [...targets, ...templates];
}

/** Every alert of the rules file, with its expression. */
function alertRules(): Array<{ alert: string; expr: string; for: string }> {
  const rules = parse(readFileSync(join(OBSERVABILITY, 'houston-alerts.rules.yaml'), 'utf8'));
  return rules.groups.flatMap((group: any) => group.rules);
}

function metricNames(expressions: string[]): string[] {
  return [...new Set(expressions.flatMap((expression) => expression.match(METRIC_NAME) ?? []))].sort();
}

/**
 * The dashboard and the alert rules in deploy/observability name only metrics the servers
 * export: every server kind is started on MariaDB (the pool metrics are MySQL's) and scraped,
 * and each metric name in a query must be on one of the pages.
 */
describeWithMysql('the Grafana dashboard and the alert rules', () => {
  let scratch: ScratchDatabase;
  let dir: string;
  let houston: RunningHouston;
  let metaRuntime: Runtime;
  let meta: RunningServer;
  const pages: Record<string, Scrape> = {};

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('houston_observability');
    dir = mkdtempSync(join(tmpdir(), 'houston-observability-'));
    const settings = {
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      HOUSTON_PORTAL_PORT: '0',
      HOUSTON_META_PORT: '0',
      HOUSTON_LOG_LEVEL: 'error',
      HOUSTON_DB_URL: scratch.url,
      HOUSTON_DB_POOL_SIZE: '4',
    };
    houston = await startAllInOne({
      ...settings,
      ...TEST_ALL_IN_ONE,
      HOUSTON_PORTAL_ENABLED: 'true',
      HOUSTON_PORTAL_DB_URL: `sqlite:${join(dir, 'portal.sqlite')}`,
      HOUSTON_PORTAL_ADMIN_PASSWORD: 'a-long-test-password',
    });
    const schema = { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...META_SERVER_ENV };
    const env = loadEnv(schema, settings);
    metaRuntime = await openRuntime(env, 'meta-server');
    meta = await startMetaServer(metaRuntime, env);
    // One look-up each, so the labelled series exist too.
    await fetch(`${meta.url}/services/config`);
    await fetch(`${houston.portalUrl}/api/envs`);
    pages['config-service, admin-service and portal (one process)'] = await scrape(houston.configUrl);
    pages['meta-server'] = await scrape(meta.url);
  }, 90_000);

  afterAll(async () => {
    await meta?.close();
    await metaRuntime?.close().catch(() => undefined);
    await houston?.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const exportedNowhere = (names: string[]) =>
    names.filter((name) => !Object.values(pages).some((page) => isExported(page, name)));

  it('every server answers /metrics on its own port, the admin-service without a service token', async () => {
    for (const url of [houston.configUrl, houston.adminUrl, houston.portalUrl!, meta.url]) {
      const response = await fetch(`${url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      expect(await response.text()).toContain('# TYPE process_cpu_seconds_total counter');
    }
  });

  it('the dashboard queries only exported metrics', () => {
    const names = metricNames(dashboardExpressions());
    expect(names.length).toBeGreaterThan(20);
    expect(exportedNowhere(names)).toEqual([]);
  });

  it('the alert rules query only exported metrics, and cover scan lag, database errors, held polls and 5xx', () => {
    const rules = alertRules();
    expect(exportedNowhere(metricNames(rules.map((rule) => rule.expr)))).toEqual([]);
    const watched = (metric: string) => rules.some((rule) => rule.expr.includes(metric));
    expect(watched('houston_release_message_scan_lag_seconds')).toBe(true);
    expect(watched('houston_db_query_errors_total')).toBe(true);
    expect(watched('houston_long_polls_held')).toBe(true);
    expect(rules.some((rule) => /status=~"5\.\."/.test(rule.expr))).toBe(true);
    for (const rule of rules) expect(rule.for).toMatch(/^\d+m$/);
  });

  it("times the portal's own database apart from Houston's, both on one page", () => {
    const page = pages['config-service, admin-service and portal (one process)']!;
    expect(valueOf(page, 'houston_db_query_seconds_count', { database: 'houston' })).toBeGreaterThan(0);
    expect(valueOf(page, 'houston_db_query_seconds_count', { database: 'portal' })).toBeGreaterThan(0);
    expect(valueOf(page, 'houston_db_pool_connections', { database: 'houston', state: 'max' })).toBe(4);
  });

  it('a name the servers do not export is caught', () => {
    expect(exportedNowhere(['houston_long_polls_held', 'houston_no_such_metric_total'])).toEqual([
      'houston_no_such_metric_total',
    ]);
  });
});
