import { isUnknownValue, type Resource } from '../iac/resource-model.js';
import type { KindSchema, KindVersion } from '../schemas/schema-node.js';
import type { SchemaStore, StoreEntry } from '../schemas/store.js';
import { caseOnlyMatch, didYouMean, listForMessage } from './did-you-mean.js';
import {
  nodeAtPath,
  pathSegments,
  walkValue,
  type AlternativeSchema,
  type WalkContext,
} from './schema-walk.js';
import { VERIFY_RULES, type VerifyIssue } from './verify-finding.js';
import { verifyResourceAttributes } from './resource-attributes.js';
import { checkRequiredParameters } from './required-parameters.js';
import { verifyCoreKubernetes } from './core-kubernetes.js';
import { celProgramCache, type CelProgramCache } from './cel-rules.js';
import { importHintFor } from './import-hint.js';
import { checkPatchTargets, withoutPatchSuppliedRequired } from './patch-targets.js';
import { checkTemplateResource } from './cloudformation/template-checks.js';
import { retiredService } from './cloudformation/retired-services.js';
import { cannotSeeBuiltValues } from './template-built-values.js';

/** The schema a resource was checked against (for schema.lock.json and reports). */
export interface CheckedAgainst {
  key: string;
  version: string;
  source: StoreEntry['source'];
  sha256: string;
}

/** Issues on one resource, and the schema it was checked against when one was found. */
export interface ResourceVerification {
  issues: VerifyIssue[];
  checkedAgainst?: CheckedAgainst;
}

/** How strictly to treat what cannot be checked. */
export interface VerifyResourceOptions {
  /** `verify --strict`: a kind whose schema is absent is an error, not a warning. */
  strict?: boolean;
  /** Compiled CEL rules, shared across the resources of one run (made when first needed). */
  celPrograms?: () => Promise<CelProgramCache>;
  /** The day dated checks (Lambda runtime deprecations) compare with; today by default. */
  today?: Date;
}

/** A pack with at least this many kinds is taken as a provider's complete CRD set. */
const COMPLETE_PACK_KINDS = 100;

const importHint = (what: string) =>
  `unverifiable: no schema for ${what} in the store; import the schema with \`infrakit schemas import <path>\` (CRD files, a directory or .tar.gz of them, or \`tofu providers schema -json\` output)`;

/** The store key of a resource: `group/Kind`, a CloudFormation type, or a Terraform type. */
export function storeKeyOf(resource: Resource): string {
  if (resource.tool === 'cloudformation') return resource.type;
  if (resource.tool === 'terraform')
    return resource.meta.mode === 'data' ? `data.${resource.type}` : resource.type;
  const apiVersion = resource.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return `${group}/${resource.kind ?? ''}`;
}

/** Verifies one resource against the store. */
export async function verifyResource(
  resource: Resource,
  store: SchemaStore,
  options: VerifyResourceOptions = {},
): Promise<ResourceVerification> {
  const issues: VerifyIssue[] = [];
  if (resource.tool === 'cloudformation' && typeof resource.meta.needsExpansion === 'string') {
    // A macro or preprocessor rewrites the template: said once per template, never a kind error per resource.
    const notice: VerifyIssue = {
      ruleId: VERIFY_RULES.unverifiable,
      level: 'warning',
      message: resource.meta.needsExpansion,
    };
    return { issues: resource.meta.reportExpansion === true ? [notice] : [] };
  }
  if (resource.tool === 'cloudformation') {
    issues.push(...verifyResourceAttributes(resource));
    issues.push(
      ...(await checkTemplateResource(resource, {
        attributesOf: async (type) =>
          (await store.find(type)) ? (await store.load(type))?.attributes : undefined,
        today: options.today ?? new Date(),
      })),
    );
    const retired = retiredService(resource.type);
    if (retired)
      return {
        issues: [
          ...issues,
          {
            ruleId: VERIFY_RULES.kindUnknown,
            level: 'error',
            message: retired,
            fix: 'remove the resource, or move to the service AWS names as its replacement',
          },
        ],
      };
  }
  if (resource.tool === 'cloudformation' && resource.type.startsWith('Custom::')) return { issues };
  if (
    !resource.type ||
    ((resource.tool === 'kubernetes' || resource.tool === 'crossplane') &&
      (!resource.apiVersion || !resource.kind))
  ) {
    issues.push({
      ruleId: VERIFY_RULES.kindUnknown,
      level: 'error',
      message: `a resource without ${resource.tool === 'cloudformation' ? 'Type' : 'apiVersion and kind'}`,
    });
    return { issues };
  }
  const key = storeKeyOf(resource);
  const found = await store.find(key);
  if (!found) {
    const core =
      resource.tool === 'cloudformation' || resource.tool === 'terraform'
        ? undefined
        : await verifyCoreKubernetes(resource);
    if (core) return { issues: [...issues, ...core.issues], checkedAgainst: core.checkedAgainst };
    issues.push(await unknownKind(resource, key, store, options.strict === true));
    return { issues };
  }
  const kind = await store.load(key);
  if (!kind)
    return {
      issues: [...issues, { ruleId: VERIFY_RULES.unverifiable, level: 'error', message: importHint(key) }],
    };
  const isKubernetes = kind.tool === 'kubernetes';
  const versionName = isKubernetes ? (resource.apiVersion ?? '').split('/').pop()! : kind.versions[0].name;
  const version = kind.versions.find((candidate) => candidate.name === versionName);
  const served = kind.versions.filter((candidate) => candidate.served).map((candidate) => candidate.name);
  if (!version || !version.served) {
    issues.push({
      ruleId: VERIFY_RULES.versionNotServed,
      level: 'error',
      fieldPath: 'apiVersion',
      message: `${kind.kind} is not served at ${resource.apiVersion}; served versions: ${served.join(', ') || 'none'}`,
      suggestion: served.length ? `did you mean "${kind.group}/${served[served.length - 1]}"?` : undefined,
    });
    return { issues, checkedAgainst: checked(found, versionName) };
  }
  if (version.deprecated) {
    issues.push({
      ruleId: VERIFY_RULES.versionDeprecated,
      level: 'warning',
      fieldPath: 'apiVersion',
      message:
        version.deprecationWarning ??
        `${resource.apiVersion} ${kind.kind} is deprecated; served versions: ${served.join(', ')}`,
    });
  }
  const context: WalkContext = {
    definitions: kind.definitions,
    versions: kind.versions
      .filter((candidate) => candidate !== version && candidate.served)
      .map((candidate) => alternative(candidate, kind)),
    lenientScalars: !isKubernetes,
    descriptionEnums: isKubernetes && kind.group.endsWith('.upbound.io'),
    issues,
    root: version.schema,
    ...(isKubernetes
      ? {
          structural: {
            // a blanked template action (`{{ toYaml .x | nindent 4 }}`) leaves a key with no value
            rejectNulls: resource.meta.templateInjectsContent !== true,
            celPrograms: await (options.celPrograms ?? celProgramCache)(),
          },
        }
      : {}),
    rootLabel:
      kind.tool === 'cloudformation'
        ? 'Properties'
        : kind.tool === 'terraform'
          ? `the ${kind.key} block`
          : undefined,
  };
  walkValue(resource.body, version.schema, '', context);
  await reclassifyScopeFields(issues, kind, store);
  issues.splice(0, issues.length, ...withoutPatchSuppliedRequired(resource, issues));
  issues.push(...checkPatchTargets(resource, version.schema, kind.definitions));
  if (isKubernetes) {
    issues.push(...checkRequiredParameters(resource, version));
    issues.splice(0, issues.length, ...cannotSeeBuiltValues(resource, issues));
    if (
      kind.scope === 'Cluster' &&
      (resource.body.metadata as Record<string, unknown> | undefined)?.namespace !== undefined &&
      !isUnknownValue((resource.body.metadata as Record<string, unknown>).namespace)
    ) {
      issues.push({
        ruleId: VERIFY_RULES.scope,
        level: 'error',
        fieldPath: 'metadata.namespace',
        message: `${kind.kind} (${kind.group}) is cluster-scoped; it cannot have metadata.namespace`,
        fix: 'remove metadata.namespace, or use the namespaced (*.m.*) group',
      });
    }
  }
  return { issues, checkedAgainst: checked(found, version.name) };
}

function checked(found: StoreEntry, version: string): CheckedAgainst {
  return { key: found.entry.key, version, source: found.source, sha256: found.entry.sha256 };
}

function alternative(version: KindVersion, kind: KindSchema): AlternativeSchema {
  return { label: version.name, schema: version.schema, definitions: kind.definitions };
}

/** Unknown fields that the same kind accepts in the other scope become IK-SCOPE (the sibling is loaded only then). */
async function reclassifyScopeFields(
  issues: VerifyIssue[],
  kind: KindSchema,
  store: SchemaStore,
): Promise<void> {
  const unknown = issues.filter((issue) => issue.ruleId === VERIFY_RULES.fieldUnknown && issue.fieldPath);
  if (unknown.length === 0) return;
  const sibling = await scopeSibling(kind, store);
  if (!sibling) return;
  for (const issue of unknown) {
    if (
      !nodeAtPath(sibling.alternative.schema, pathSegments(issue.fieldPath!), sibling.alternative.definitions)
    )
      continue;
    const key = pathSegments(issue.fieldPath!).at(-1);
    Object.assign(issue, {
      ruleId: VERIFY_RULES.scope,
      message: `${issue.fieldPath} is accepted only by ${sibling.label}; ${sibling.explanation}`,
      fix: `remove ${String(key)}`,
      suggestion: undefined,
    });
  }
}

/** Crossplane v2: `x.aws.m.upbound.io` (namespaced) and `x.aws.upbound.io` (cluster-scoped) accept different fields. */
async function scopeSibling(kind: KindSchema, store: SchemaStore): Promise<WalkContext['scopeSibling']> {
  const namespaced = /\.m\.upbound\.io$/.test(kind.group);
  const otherGroup = namespaced
    ? kind.group.replace(/\.m\.upbound\.io$/, '.upbound.io')
    : kind.group.endsWith('.upbound.io')
      ? kind.group.replace(/\.upbound\.io$/, '.m.upbound.io')
      : undefined;
  if (!otherGroup) return undefined;
  const other = await store.load(`${otherGroup}/${kind.kind}`);
  const version = other?.versions.find((candidate) => candidate.storage) ?? other?.versions[0];
  if (!other || !version) return undefined;
  return namespaced
    ? {
        label: `cluster-scoped ${otherGroup} resources`,
        explanation: `namespaced Crossplane v2 managed resources (${kind.group}) do not accept it (use managementPolicies instead of deletionPolicy; providerConfigRef needs kind; connection secrets stay in the resource's namespace)`,
        alternative: alternative(version, other),
      }
    : {
        label: `namespaced Crossplane v2 ${otherGroup} resources`,
        explanation: `cluster-scoped ${kind.group} resources do not accept it`,
        alternative: alternative(version, other),
      };
}

async function unknownKind(
  resource: Resource,
  key: string,
  store: SchemaStore,
  strict: boolean,
): Promise<VerifyIssue> {
  const entries =
    resource.tool === 'cloudformation' ? await store.withCloudFormation() : await store.entries();
  const isKubernetes = resource.tool === 'kubernetes' || resource.tool === 'crossplane';
  const group = isKubernetes
    ? key.split('/')[0]
    : resource.tool === 'terraform'
      ? resource.type.split('_')[0]
      : key.split('::').slice(0, 2).join('::');
  const name = isKubernetes ? (resource.kind ?? '') : resource.type;
  const sameGroup = entries.filter(
    (candidate) =>
      candidate.entry.group === group &&
      (resource.tool !== 'terraform' || candidate.entry.key.startsWith('data.') === key.startsWith('data.')),
  );
  const pool =
    resource.tool === 'cloudformation'
      ? entries.filter((candidate) => candidate.entry.tool === 'cloudformation')
      : sameGroup;
  const names = pool.map((candidate) => (isKubernetes ? candidate.entry.kind : candidate.entry.key));
  const caseMatch = caseOnlyMatch(name, names);
  const suggestions = caseMatch ? [caseMatch] : didYouMean(name, names);
  const otherGroups = isKubernetes
    ? entries
        .filter(
          (candidate) =>
            candidate.entry.kind === name &&
            candidate.entry.group !== group &&
            nearIdenticalGroups(candidate.entry.group, group),
        )
        .map(
          (candidate) =>
            `${candidate.entry.group}/${candidate.entry.versions.find((version) => version.storage)?.name ?? candidate.entry.versions[0]?.name}`,
        )
    : [];
  const complete =
    resource.tool === 'cloudformation' ||
    (resource.tool === 'terraform' && sameGroup.length > 0) ||
    pool.some(
      (candidate) =>
        (store.packs.find((pack) => pack.id === candidate.packId)?.kinds ?? 0) >= COMPLETE_PACK_KINDS,
    );
  const describe = isKubernetes ? `${resource.apiVersion} ${resource.kind}` : resource.type;
  if (caseMatch)
    return {
      ruleId: VERIFY_RULES.case,
      level: 'error',
      fieldPath: isKubernetes ? 'kind' : undefined,
      message: `${describe}: kind names are case-sensitive; the provider has ${caseMatch}`,
      suggestion: `did you mean "${caseMatch}"?`,
    };
  if (otherGroups.length)
    return {
      ruleId: VERIFY_RULES.kindUnknown,
      level: 'error',
      fieldPath: 'apiVersion',
      message: `${describe}: ${name} does not exist in ${group}; it exists as ${otherGroups.join(', ')}`,
      suggestion: `did you mean apiVersion "${otherGroups[0]}"?`,
    };
  if (pool.length && (complete || suggestions.length)) {
    return {
      ruleId: VERIFY_RULES.kindUnknown,
      level: 'error',
      fieldPath: isKubernetes ? 'kind' : undefined,
      message: `${describe}: no such ${isKubernetes ? 'kind' : 'resource type'} in ${pool[0].source.name} ${pool[0].source.version}${suggestions.length ? '' : `; known in ${group}: ${listForMessage(names.sort(), 8)}`}`,
      ...(suggestions.length
        ? { suggestion: `did you mean ${suggestions.map((suggestion) => `"${suggestion}"`).join(' or ')}?` }
        : {}),
    };
  }
  return {
    ruleId: VERIFY_RULES.unverifiable,
    level: strict ? 'error' : 'warning',
    message: `${describe}: no schema for this kind in the store, so it was not checked; ${importHintFor(isKubernetes ? group : key, resource.tool)}${strict ? '' : ' (an error with --strict)'}`,
  };
}

/**
 * Whether a kind found in another group is plausibly the one meant: the same provider family
 * (`s3.aws.upbound.io` and `s3.aws.m.upbound.io`), never across families (a core `v1 Secret` is
 * not a `secretsmanager.aws.upbound.io` Secret).
 */
function nearIdenticalGroups(candidate: string, group: string): boolean {
  if (!group || !candidate) return false;
  const family = (value: string) => value.replace(/\.m\./, '.').split('.').slice(-3).join('.');
  const service = (value: string) => value.split('.')[0];
  return family(candidate) === family(group) && service(candidate) === service(group);
}
