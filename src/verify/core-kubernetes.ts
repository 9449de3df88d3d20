import { createRequire } from 'node:module';
import { isUnknownValue, type Resource } from '../iac/resource-model.js';
import { VERIFY_RULES, type VerifyIssue, type VerifyRuleId } from './verify-finding.js';
import type { CheckedAgainst } from './verify-resource.js';
import { isRelaxedRequired } from './core-kubernetes-relaxed.js';

/** One error of the package's compiled (ajv) validator. */
interface ValidatorError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

interface ModelClass {
  apiVersion?: string;
  kind?: string;
  new (data: Record<string, unknown>): { validate(): void };
}

const PACKAGE = 'kubernetes-models';
// Names from a hostile file become a module specifier: only plain group, version and kind names pass.
const GROUP = /^(?:[a-z0-9]+(?:[.-][a-z0-9]+)*)?$/;
const VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

const RULE_OF_KEYWORD: Record<string, VerifyRuleId> = {
  type: VERIFY_RULES.type,
  enum: VERIFY_RULES.enum,
  required: VERIFY_RULES.required,
};

/**
 * Verifies a core Kubernetes kind (`v1 Secret`, `apps/v1 Deployment`, ...) against the upstream
 * OpenAPI schema compiled into the `kubernetes-models` package (loaded only when such a kind is seen).
 * Undefined when the kind is not a built-in Kubernetes kind.
 */
export async function verifyCoreKubernetes(
  resource: Resource,
): Promise<{ issues: VerifyIssue[]; checkedAgainst: CheckedAgainst } | undefined> {
  const apiVersion = resource.apiVersion ?? '';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const kind = resource.kind ?? '';
  if (!GROUP.test(group) || !VERSION.test(version) || !KIND.test(kind) || kind.endsWith('List'))
    return undefined;
  const model = await loadModel(`${PACKAGE}/${group ? `${group}/` : ''}${version}/${kind}`, kind);
  if (!model || model.apiVersion !== apiVersion || model.kind !== kind) return undefined;
  const unknownPaths: string[] = [];
  collectUnknownPaths(resource.body, '', unknownPaths);
  let errors: ValidatorError[] = [];
  try {
    new model(resource.body).validate();
  } catch (error) {
    errors = ((error as { errors?: ValidatorError[] }).errors ?? []).filter(Boolean);
  }
  const issues = errors
    .filter(
      (error) =>
        !(
          error.keyword === 'required' &&
          isRelaxedRequired(group, kind, error.instancePath, error.params.missingProperty)
        ) &&
        !unknownPaths.some(
          (path) => error.instancePath === path || error.instancePath.startsWith(`${path}/`),
        ),
    )
    .map((error) => toIssue(error, describeGroup(group)));
  const packageVersion = (createRequire(import.meta.url)(`${PACKAGE}/package.json`) as { version: string })
    .version;
  return {
    issues,
    checkedAgainst: {
      key: `${group}/${kind}`,
      version,
      source: {
        name: PACKAGE,
        version: packageVersion,
        tool: 'kubernetes',
        origin: `${PACKAGE} (npm, built in: the upstream Kubernetes OpenAPI schemas)`,
        sha256: '',
      },
      sha256: '',
    },
  };
}

async function loadModel(specifier: string, kind: string): Promise<ModelClass | undefined> {
  try {
    const module = (await import(specifier)) as Record<string, unknown>;
    const model = module[kind];
    return typeof model === 'function' ? (model as ModelClass) : undefined;
  } catch {
    return undefined;
  }
}

const describeGroup = (group: string) => (group ? group : 'core');

function collectUnknownPaths(value: unknown, path: string, out: string[]): void {
  if (isUnknownValue(value)) {
    out.push(path);
    return;
  }
  if (Array.isArray(value))
    value.forEach((item, index) => collectUnknownPaths(item, `${path}/${index}`, out));
  else if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value))
      collectUnknownPaths(child, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
}

/** `/spec/template/0/name` → `spec.template[0].name`. */
function fieldPathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, segment) =>
        /^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment,
      '',
    );
}

function toIssue(error: ValidatorError, group: string): VerifyIssue {
  const parent = fieldPathOf(error.instancePath);
  const missing = typeof error.params.missingProperty === 'string' ? error.params.missingProperty : undefined;
  const fieldPath = missing ? (parent ? `${parent}.${missing}` : missing) : parent;
  const allowed = Array.isArray(error.params.allowedValues)
    ? `: one of ${error.params.allowedValues.join(', ')}`
    : '';
  return {
    ruleId: RULE_OF_KEYWORD[error.keyword] ?? VERIFY_RULES.constraint,
    level: 'error',
    ...(fieldPath ? { fieldPath } : {}),
    message: `${fieldPath || 'the resource'}: ${missing ? 'is required but missing' : `${error.message ?? error.keyword}${allowed}`} (Kubernetes ${group} schema)`,
  };
}
