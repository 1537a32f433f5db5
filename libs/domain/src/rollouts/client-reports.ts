import { DomainError } from '../errors/domain-error';
import { validateAppId, validateClusterName, validateNamespaceName } from '../formats/validate-names';
import { stripPropertiesSuffix } from '../formats/namespace-format';
import { CLIENT_REPORT_STATUSES, type ClientReportStatus } from './rollout-progress';

/** One client's verdict on one release of one namespace. */
export interface ClientReport {
  namespaceName: string;
  releaseKey: string;
  status: ClientReportStatus;
  /** Why, for a rejection (at most 256 characters). */
  message: string;
}

export interface ClientReportBatch {
  appId: string;
  cluster: string;
  dataCenter: string;
  /** The IP the client reports about itself (absent: the connection's address is used). */
  ip?: string;
  reports: ClientReport[];
}

export const MAX_REPORTS_PER_BATCH = 100;
const RELEASE_KEY = /^[0-9A-Za-z_.+-]{1,256}$/;
const IP = /^[0-9A-Za-z.:%_-]{1,64}$/;

function bad(field: string, message: string): never {
  throw new DomainError('VALIDATION_FAILED', `${field} ${message}`, { field });
}

/**
 * Checks what a client sends to `POST /client-reports`: its app, cluster and data center (Apollo's
 * name rules), an optional IP, and 1–100 reports, each a namespace, the release key it got and
 * `applied`, `rejected` or `check_failed` with an optional message.
 */
export function validateClientReports(input: unknown): ClientReportBatch {
  if (!input || typeof input !== 'object' || Array.isArray(input)) bad('body', 'must be a JSON object');
  const body = input as Record<string, unknown>;
  if (typeof body['appId'] !== 'string') bad('appId', 'is required');
  validateAppId(body['appId']);
  const cluster = body['cluster'] === undefined ? 'default' : body['cluster'];
  if (typeof cluster !== 'string') bad('cluster', 'must be a string');
  validateClusterName(cluster);
  const dataCenter = body['dataCenter'] ?? '';
  if (typeof dataCenter !== 'string' || dataCenter.length > 64)
    bad('dataCenter', 'must be a string of at most 64 characters');
  if (dataCenter !== '') validateClusterName(dataCenter);
  const ip = body['ip'];
  if (ip !== undefined && ip !== '' && (typeof ip !== 'string' || !IP.test(ip)))
    bad('ip', 'must be an address of at most 64 characters');
  const reports = body['reports'];
  if (!Array.isArray(reports) || reports.length === 0 || reports.length > MAX_REPORTS_PER_BATCH)
    bad('reports', `must be a list of 1 to ${MAX_REPORTS_PER_BATCH} reports`);
  return {
    appId: body['appId'],
    cluster,
    dataCenter,
    ...(typeof ip === 'string' && ip !== '' ? { ip } : {}),
    reports: reports.map((raw, index): ClientReport => {
      const field = `reports[${index}]`;
      if (!raw || typeof raw !== 'object') bad(field, 'must be an object');
      const report = raw as Record<string, unknown>;
      if (typeof report['namespaceName'] !== 'string') bad(`${field}.namespaceName`, 'is required');
      const namespaceName = stripPropertiesSuffix(report['namespaceName']);
      validateNamespaceName(namespaceName);
      if (typeof report['releaseKey'] !== 'string' || !RELEASE_KEY.test(report['releaseKey']))
        bad(`${field}.releaseKey`, 'must be the release key the client got');
      if (!CLIENT_REPORT_STATUSES.includes(report['status'] as ClientReportStatus))
        bad(`${field}.status`, `must be one of ${CLIENT_REPORT_STATUSES.join(', ')}`);
      const message = report['message'] ?? '';
      if (typeof message !== 'string' || message.length > 256)
        bad(`${field}.message`, 'must be a string of at most 256 characters');
      return {
        namespaceName,
        releaseKey: report['releaseKey'],
        status: report['status'] as ClientReportStatus,
        message,
      };
    }),
  };
}
