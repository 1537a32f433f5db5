import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';

interface Validatable {
  validate(): void;
}

/** The kinds deploy/ may contain; anything else fails, so no object goes unvalidated. */
const MODELS: Record<string, { prototype: Validatable }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

/**
 * Checks one object against the Kubernetes OpenAPI schema shipped by `kubernetes-models`, and for
 * fields the schema does not define. The shipped validators ignore unknown fields, but the API
 * server refuses them (kubectl's default strict field validation), and a misspelt optional field
 * (`readinessprobe`) would otherwise pass silently. Unknown fields are found by recording which
 * properties the validator reads: it reads every property its schema defines, and enumerates
 * the keys of free-form maps (labels, data).
 */
export function kubernetesSchemaProblems(object: Record<string, unknown>): string[] {
  const key = `${String(object['apiVersion'])}/${String(object['kind'])}`;
  const model = MODELS[key];
  if (!model) return [`${key}: no schema known for this kind`];
  const visited: Visited[] = [];
  const problems: string[] = [];
  try {
    model.prototype.validate.call(track(object, '', visited));
  } catch (error) {
    problems.push((error as Error).message);
  }
  for (const { path, value, read, enumerated } of visited) {
    if (Array.isArray(value) || enumerated()) continue;
    for (const name of Object.keys(value)) {
      if (!read.has(name)) problems.push(`${path}/${name}: unknown field`);
    }
  }
  return problems;
}

interface Visited {
  path: string;
  value: object;
  read: Set<string>;
  enumerated(): boolean;
}

function track(value: object, path: string, visited: Visited[]): object {
  const read = new Set<string>();
  let enumerated = false;
  visited.push({ path, value, read, enumerated: () => enumerated });
  const children = new Map<string, object>();
  return new Proxy(value, {
    get(target, name, receiver) {
      const child: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== 'string') return child;
      read.add(name);
      if (child === null || typeof child !== 'object') return child;
      if (!children.has(name)) children.set(name, track(child, `${path}/${name}`, visited));
      return children.get(name);
    },
    has(target, name) {
      if (typeof name === 'string') read.add(name);
      return Reflect.has(target, name);
    },
    ownKeys(target) {
      enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}
