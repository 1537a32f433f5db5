import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseDurationMs } from '@houston/server-kit';
import { REAL_SERVICES_REQUIRED } from '@houston/testing';
import { kubernetesSchemaProblems } from './test-support/kubernetes-schemas';
import { appOfCommand, envProblems, mainComposesSchema, REPO_ROOT } from './test-support/server-env';

/**
 * Renders every overlay of deploy/ with `kubectl kustomize` (offline) and checks what a cluster
 * would only tell at apply or at the first rollout: every object against the Kubernetes schemas,
 * every server's environment against that server's own env schema, probes on the health
 * endpoints, a shutdown that fits in the grace period, and who may reach the admin-service.
 * Nothing here talks to a cluster.
 */

/** Rendered YAML: checked field by field below. */
type Rendered = any;
type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
} & Record<string, Rendered>;

const DEPLOY_DIR = join(REPO_ROOT, 'deploy');
const OVERLAYS = readdirSync(join(DEPLOY_DIR, 'overlays')).sort();
/** Secrets an overlay expects to exist in the cluster, created by the operator (deploy/README.md). */
const EXTERNAL_SECRETS: Record<string, string[]> = {
  prod: ['houston-secrets', 'houston-admin-token', 'houston-secret-keys'],
};
/** What the operator puts in those Secrets (the README's `kubectl create secret` commands). */
const EXTERNAL_SECRET_KEYS: Record<string, string[]> = {
  'houston-secrets': ['HOUSTON_DB_URL', 'HOUSTON_REDIS_URL'],
  'houston-admin-token': ['HOUSTON_ADMIN_TOKENS'],
  'houston-secret-keys': ['HOUSTON_SECRET_KEYS'],
};
/** How long a config-service holds a long poll unless HOUSTON_LONG_POLL_TIMEOUT says otherwise. */
const DEFAULT_LONG_POLL_MS = 60_000;

function kubectlProblem(): string | undefined {
  const result = spawnSync('kubectl', ['version', '--client', '--output=json'], { encoding: 'utf8' });
  if (result.error) return 'kubectl is not on PATH';
  let version: { clientVersion?: { gitVersion?: string }; kustomizeVersion?: string };
  try {
    version = JSON.parse(result.stdout);
  } catch {
    return `"kubectl version --client --output=json" answered: ${result.stdout}${result.stderr}`;
  }
  const major = /^v(\d+)\./.exec(version.kustomizeVersion ?? '')?.[1];
  if (!major || Number(major) < 4) {
    return (
      `kubectl ${version.clientVersion?.gitVersion ?? '?'} embeds kustomize ` +
      `${version.kustomizeVersion ?? 'older than v4'}; the overlays need kustomize v4+ (kubectl 1.24 or later)`
    );
  }
  return undefined;
}

const problem = kubectlProblem();
if (problem && !REAL_SERVICES_REQUIRED) {
  process.stderr.write(
    `deploy/ manifests not checked: ${problem}. CI (HOUSTON_REQUIRE_REAL_SERVICES=1) fails instead.\n`,
  );
}
const describeWithKubectl: jest.Describe =
  problem && !REAL_SERVICES_REQUIRED ? (describe.skip as jest.Describe) : describe;

function render(overlay: string): K8sObject[] {
  const text = execFileSync('kubectl', ['kustomize', join(DEPLOY_DIR, 'overlays', overlay)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseAllDocuments(text).map((document) => document.toJS() as K8sObject);
}

function houstonContainers(objects: K8sObject[]) {
  return objects
    .filter((object) => object.kind === 'Deployment')
    .flatMap((deployment) =>
      (deployment['spec'].template.spec.containers as Rendered[])
        .map((container) => ({ deployment, container, app: appOfCommand(container.command ?? []) }))
        .filter(({ container }) => String(container.image).includes('houston')),
    );
}

/** The environment a container starts with: envFrom ConfigMaps and Secrets, then env. */
function containerEnv(objects: K8sObject[], overlay: string, container: Rendered): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === source.configMapRef.name);
      if (!map) throw new Error(`ConfigMap ${source.configMapRef.name} is not in the ${overlay} overlay`);
      Object.assign(env, map['data']);
    } else if (source.secretRef) {
      const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === source.secretRef.name);
      if (!secret) {
        if (!EXTERNAL_SECRETS[overlay]?.includes(source.secretRef.name)) {
          throw new Error(`Secret ${source.secretRef.name} is not in the ${overlay} overlay`);
        }
        continue;
      }
      for (const [name, value] of Object.entries<string>(secret['data'] ?? {})) {
        env[name] = Buffer.from(value, 'base64').toString('utf8');
      }
      Object.assign(env, secret['stringData']);
    }
  }
  for (const variable of container.env ?? []) {
    // Values from the downward API are only known in the pod; an IP stands in for them.
    env[variable.name] = variable.value ?? '10.0.0.1';
  }
  return env;
}

function durationMs(env: Record<string, string>, name: string, fallbackMs: number): number {
  return env[name] ? parseDurationMs(env[name]) : fallbackMs;
}

describeWithKubectl('deploy/ manifests', () => {
  if (problem) {
    it('need kubectl with kustomize v4+', () => {
      throw new Error(`${problem}; HOUSTON_REQUIRE_REAL_SERVICES=1 requires it`);
    });
    return;
  }

  it('has the dev and prod overlays', () => {
    expect(OVERLAYS).toEqual(expect.arrayContaining(['dev', 'prod']));
  });

  it('builds every server schema the way its main.ts does', () => {
    for (const app of ['config-service', 'admin-service', 'meta-server']) {
      expect({ app, composed: mainComposesSchema(app) }).toEqual({ app, composed: true });
    }
  });

  describe.each(OVERLAYS)('overlay %s', (overlay) => {
    let objects: K8sObject[];
    beforeAll(() => {
      objects = render(overlay);
    });
    const named = (kind: string, name: string) =>
      objects.find((object) => object.kind === kind && object.metadata.name === name);

    it('renders objects that all pass the Kubernetes schemas, with no unknown fields', () => {
      expect(objects.length).toBeGreaterThan(10);
      const problems = objects.flatMap((object) =>
        kubernetesSchemaProblems(object).map((p) => `${object.kind}/${object.metadata.name}: ${p}`),
      );
      expect(problems).toEqual([]);
    });

    it('gives the admin-service its service tokens, in the overlay or in the Secret the operator makes', () => {
      const admin = houstonContainers(objects).find(
        ({ app }) => 'app' in app && app.app === 'admin-service',
      )!;
      const external = (admin.container.envFrom ?? [])
        .map((source: Rendered) => source.secretRef?.name)
        .filter((name: string | undefined) => name && EXTERNAL_SECRETS[overlay]?.includes(name));
      const readme = readFileSync(join(DEPLOY_DIR, 'README.md'), 'utf8');
      const fromOperator = external.flatMap((name: string) =>
        (EXTERNAL_SECRET_KEYS[name] ?? []).filter((key) => readme.includes(`--from-literal=${key}=`)),
      );
      const inOverlay = containerEnv(objects, overlay, admin.container)['HOUSTON_ADMIN_TOKENS'];
      expect({
        overlay,
        tokens: Boolean(inOverlay) || fromOperator.includes('HOUSTON_ADMIN_TOKENS'),
      }).toEqual({
        overlay,
        tokens: true,
      });
    });

    it('runs each server with an environment its own env schema accepts', () => {
      const containers = houstonContainers(objects);
      expect(containers.map(({ app }) => ('app' in app ? app.app : app.problem)).sort()).toEqual([
        'admin-service',
        'config-service',
        'meta-server',
      ]);
      const problems = containers.flatMap(({ app, container }) =>
        'app' in app ? envProblems(app.app, containerEnv(objects, overlay, container)) : [app.problem],
      );
      expect(problems).toEqual([]);
    });

    it('hands Apollo clients Service URLs that exist in this overlay', () => {
      const meta = houstonContainers(objects).find(({ app }) => 'app' in app && app.app === 'meta-server');
      const env = containerEnv(objects, overlay, meta!.container);
      expect(env['HOUSTON_DISCOVERY']).toBe('kubernetes');
      for (const name of ['HOUSTON_CONFIG_SERVICE_URL', 'HOUSTON_ADMIN_SERVICE_URL']) {
        const url = new URL(env[name]!);
        const [serviceName, namespace] = url.hostname.split('.');
        const service = named('Service', serviceName!);
        expect({ name, service: service?.metadata.name }).toEqual({ name, service: serviceName });
        if (namespace) expect({ name, namespace }).toEqual({ name, namespace: service!.metadata.namespace });
        expect(service!['spec'].ports.map((port: { port: number }) => port.port)).toContain(Number(url.port));
      }
    });

    it('probes /health (startup, liveness) and /ready (readiness) on the port the server listens on', () => {
      for (const { container, app } of houstonContainers(objects)) {
        if (!('app' in app)) continue;
        const env = containerEnv(objects, overlay, container);
        const portVariable = Object.keys(env).find((name) => /^HOUSTON_(CONFIG|ADMIN|META)_PORT$/.test(name));
        const listening = Number(env[portVariable!]);
        const named = new Map<string, number>(
          container.ports.map((port: { name: string; containerPort: number }) => [
            port.name,
            port.containerPort,
          ]),
        );
        const probes = {
          startup: container.startupProbe?.httpGet,
          liveness: container.livenessProbe?.httpGet,
          readiness: container.readinessProbe?.httpGet,
        };
        expect({
          app: app.app,
          paths: [probes.startup?.path, probes.liveness?.path, probes.readiness?.path],
        }).toEqual({ app: app.app, paths: ['/health', '/health', '/ready'] });
        for (const probe of Object.values(probes)) {
          const port = typeof probe.port === 'string' ? named.get(probe.port) : probe.port;
          expect({ app: app.app, port }).toEqual({ app: app.app, port: listening });
        }
      }
    });

    it('tells Prometheus to scrape /metrics on the port each server listens on', () => {
      const deployments = objects.filter((object) => object.kind === 'Deployment');
      for (const { container, app } of houstonContainers(objects)) {
        if (!('app' in app)) continue;
        const env = containerEnv(objects, overlay, container);
        const portVariable = Object.keys(env).find((name) => /^HOUSTON_(CONFIG|ADMIN|META)_PORT$/.test(name));
        const deployment = deployments.find((object) =>
          object['spec'].template.spec.containers.includes(container),
        )!;
        expect({ app: app.app, annotations: deployment['spec'].template.metadata.annotations }).toEqual({
          app: app.app,
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(env[portVariable!]),
            'prometheus.io/path': '/metrics',
          },
        });
      }
    });

    it('drains before SIGTERM and finishes the shutdown within the grace period', () => {
      for (const { deployment, container, app } of houstonContainers(objects)) {
        if (!('app' in app)) continue;
        const env = containerEnv(objects, overlay, container);
        const preStop: string[] = container.lifecycle?.preStop?.exec?.command ?? [];
        expect({ app: app.app, preStop: preStop[0] }).toEqual({ app: app.app, preStop: 'sleep' });
        const preStopMs = Number(preStop[1]) * 1000;
        const drainMs = durationMs(env, 'HOUSTON_SHUTDOWN_DRAIN', 0);
        const shutdownMs = durationMs(env, 'HOUSTON_SHUTDOWN_TIMEOUT', 10_000);
        // A config-service holds long polls: the last one taken during the drain may be held
        // its full length before SIGTERM's 304 reaches it.
        const heldMs =
          app.app === 'config-service'
            ? durationMs(env, 'HOUSTON_LONG_POLL_TIMEOUT', DEFAULT_LONG_POLL_MS)
            : 0;
        const needed = preStopMs + drainMs + Math.max(shutdownMs, heldMs);
        const graceMs = deployment.spec.template.spec.terminationGracePeriodSeconds * 1000;
        expect({ app: app.app, graceExceedsNeed: graceMs > needed }).toEqual({
          app: app.app,
          graceExceedsNeed: true,
        });
      }
    });

    it('gives every container resource requests and limits', () => {
      const containers = objects
        .filter((object) => object.kind === 'Deployment')
        .flatMap((deployment) => deployment.spec.template.spec.containers);
      for (const container of containers) {
        expect({ container: container.name, resources: container.resources }).toEqual({
          container: container.name,
          resources: {
            requests: { cpu: expect.anything(), memory: expect.anything() },
            limits: { cpu: expect.anything(), memory: expect.anything() },
          },
        });
      }
    });

    it('runs the servers as a non-root user without privilege escalation', () => {
      for (const { deployment, container } of houstonContainers(objects)) {
        expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
        expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
      }
    });

    it('has a Service, a PodDisruptionBudget and pods the Service selects for every server', () => {
      for (const { deployment } of houstonContainers(objects)) {
        const labels = deployment.spec.template.metadata.labels;
        const selects = (selector: Record<string, string>) =>
          Object.entries(selector).every(([key, value]) => labels[key] === value);
        const name = deployment.metadata.name;
        expect(selects(named('Service', name)!['spec'].selector)).toBe(true);
        expect(selects(named('PodDisruptionBudget', name)!['spec'].selector.matchLabels)).toBe(true);
      }
    });

    it('scales the config-service with a HorizontalPodAutoscaler that owns its replica count', () => {
      const hpa = named('HorizontalPodAutoscaler', 'houston-config')!;
      expect(hpa['spec'].scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'houston-config',
      });
      expect(hpa['spec'].minReplicas).toBeLessThanOrEqual(hpa['spec'].maxReplicas);
      // A replica count in the Deployment would fight the autoscaler at every apply.
      expect(named('Deployment', 'houston-config')!['spec'].replicas).toBeUndefined();
    });

    it('lets only the portal, operators and monitoring reach the admin-service', () => {
      const adminLabels = named('Deployment', 'houston-admin')!['spec'].template.metadata.labels;
      const policies = objects.filter(
        (object) =>
          object.kind === 'NetworkPolicy' &&
          Object.entries<string>(object['spec'].podSelector.matchLabels ?? {}).every(
            ([key, value]) => adminLabels[key] === value,
          ),
      );
      // At least one policy selects the pods (so ingress is isolated) ...
      expect(policies.length).toBeGreaterThan(0);
      // ... and the union of what they allow is the portal, operators and the namespaces that
      // scrape metrics, nothing wider.
      const allowed = policies.flatMap((policy) =>
        (policy['spec'].ingress ?? []).map((rule: { from?: unknown[] }) => rule.from),
      );
      expect(allowed).not.toContainEqual(undefined);
      expect(allowed.flat()).toEqual(
        expect.arrayContaining([
          { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'houston-portal' } } },
          { podSelector: { matchLabels: { 'houston.io/operator': 'true' } } },
        ]),
      );
      for (const peer of allowed.flat()) {
        const labels = { ...peer.podSelector?.matchLabels, ...peer.namespaceSelector?.matchLabels };
        expect(Object.keys(labels).length).toBeGreaterThan(0);
        expect(peer.ipBlock).toBeUndefined();
        expect(
          Object.entries(labels).every(
            ([key, value]) =>
              (key === 'app.kubernetes.io/name' && value === 'houston-portal') ||
              (key === 'houston.io/operator' && value === 'true') ||
              (key === 'houston.io/monitoring' && value === 'true' && peer.podSelector === undefined),
          ),
        ).toBe(true);
      }
    });
  });
});
