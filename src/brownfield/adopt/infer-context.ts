import { isUnknownValue, type ParsedSource, type Resource } from '../../iac/resource-model.js';
import { resourceKey } from '../resource-key.js';
import { flatten, majority, type InferredItem, type Outlier } from './inferred.js';

/** The environments we recognise in names and tags, least strict first. */
const KNOWN_ENVIRONMENTS = ['dev', 'test', 'qa', 'uat', 'staging', 'stage', 'preprod', 'prod', 'production'];
const NAME_FIELD =
  /^(spec\.forProvider\.)?(bucket|name|identifier|cluster_identifier|function_name|table_name|[A-Z]\w*Name|DBInstanceIdentifier|tableName|keyspaceName|identifierPrefix)$/;

/** What `adopt` infers for context.md. */
export interface InferredContext {
  region?: string;
  naming: { pattern: string; case: 'kebab' | 'snake' | 'camel' };
  environments: string[];
  encryptionAtRest?: 'provider-managed' | 'customer-managed';
  deletionProtection?: boolean;
  pointInTimeRecovery?: boolean;
  items: InferredItem[];
  outliers: Outlier[];
  /** What could not be inferred, said plainly. */
  gaps: string[];
}

const literal = (value: unknown): value is string => typeof value === 'string' && !isUnknownValue(value);

/** Literal resource names (bucket names, identifiers, table names). */
function namesOf(resources: Resource[]): Array<{ resource: Resource; name: string }> {
  return resources.flatMap((resource) => {
    const found = flatten(resource.body).find(
      ([path, value]) =>
        NAME_FIELD.test(path) &&
        literal(value) &&
        !value.includes('/') &&
        !/\s/.test(value) &&
        !path.includes('tags') &&
        !path.includes('Tags'),
    );
    return found ? [{ resource, name: found[1] as string }] : [];
  });
}

function inferNaming(resources: Resource[], result: InferredContext): void {
  const names = namesOf(resources);
  if (names.length === 0) {
    result.gaps.push(
      'naming: no literal resource names to learn from; kept the default {env}-{team}-{resource}',
    );
    return;
  }
  const separator = majority(
    names.map(({ name }) => (name.includes('-') ? '-' : name.includes('_') ? '_' : '')),
  )!.value;
  result.naming.case = separator === '_' ? 'snake' : separator === '-' ? 'kebab' : 'camel';
  const shapes = names.map(({ name }) => {
    const parts = separator ? name.split(separator) : [name];
    const environmentFirst = KNOWN_ENVIRONMENTS.includes(parts[0]);
    return environmentFirst && parts.length >= 3
      ? '{env}-{team}-{resource}'
      : environmentFirst
        ? '{env}-{resource}'
        : parts.length >= 2
          ? '{team}-{resource}'
          : '{resource}';
  });
  const usual = majority(shapes)!;
  result.naming.pattern = separator === '_' ? usual.value.replace(/-/g, '_') : usual.value;
  result.items.push({
    file: 'context',
    path: ['naming', 'pattern'],
    note: `inferred: ${usual.count}/${names.length} names`,
  });
  names.forEach(({ resource, name }, index) => {
    if (shapes[index] !== usual.value)
      result.outliers.push({
        resource: resourceKey(resource),
        file: resource.location.file,
        line: resource.location.line,
        problem: `its name "${name}" does not follow ${result.naming.pattern}`,
      });
  });
  for (const { name } of names) {
    const first = name.split(separator || '-')[0];
    if (KNOWN_ENVIRONMENTS.includes(first) && !result.environments.includes(first))
      result.environments.push(first);
  }
}

function inferRegion(parsed: ParsedSource, resources: Resource[], result: InferredContext): void {
  const providers =
    (parsed.settings?.terraform as { providers?: Array<{ body: Record<string, unknown> }> } | undefined)
      ?.providers ?? [];
  const regions = [
    ...providers.map((provider) => provider.body.region),
    ...resources.map(
      (resource) =>
        (
          (resource.body.spec as Record<string, unknown> | undefined)?.forProvider as
            Record<string, unknown> | undefined
        )?.region,
    ),
  ].filter(literal);
  const usual = majority(regions);
  if (!usual) {
    result.gaps.push(
      'region: the code never names a region literally (it comes from a parameter or the environment); confirm it in setup',
    );
    return;
  }
  result.region = usual.value;
  result.items.push({
    file: 'context',
    path: ['region'],
    note: `inferred: ${usual.count}/${regions.length} region settings`,
  });
}

/** Counts resources showing a habit among those where it can be told. */
function habit(
  resources: Resource[],
  signal: (leaves: Array<[string, unknown]>, resource: Resource) => boolean | undefined,
): { yes: Resource[]; no: Resource[] } {
  const yes: Resource[] = [];
  const no: Resource[] = [];
  for (const resource of resources) {
    const verdict = signal([...flatten(resource.body), ...flatten(resource.meta, 'meta')], resource);
    if (verdict === true) yes.push(resource);
    else if (verdict === false) no.push(resource);
  }
  return { yes, no };
}

const KMS = /(kms_?key|kmsKey|KMSMasterKeyID|KmsKeyId|kms_master_key_id|kms_key_arn|kmsKeyIdentifier)/i;
const ENCRYPTION =
  /(sse_algorithm|SSEAlgorithm|storage_encrypted|StorageEncrypted|encryptionSpecification|server_side_encryption|SSESpecification|storageEncrypted)/;
const STATEFUL =
  /(s3_bucket$|S3::Bucket|db_instance|DBInstance|rds_cluster|DBCluster|dynamodb_table|DynamoDB::Table|Table$|Instance$|Cluster$|Bucket$)/;

function inferHabits(resources: Resource[], result: InferredContext): void {
  const encryption = habit(resources, (leaves) => {
    if (
      leaves.some(([path, value]) => KMS.test(path) && value !== undefined && value !== '' && value !== null)
    )
      return true;
    if (leaves.some(([path]) => ENCRYPTION.test(path))) return false;
    return undefined;
  });
  const encrypted = encryption.yes.length + encryption.no.length;
  if (encrypted) {
    result.encryptionAtRest = encryption.yes.length * 2 > encrypted ? 'customer-managed' : 'provider-managed';
    result.items.push({
      file: 'context',
      path: ['environments', '*', 'encryptionAtRest'],
      note: `inferred: ${encryption.yes.length}/${encrypted} encryption settings name a customer-managed KMS key`,
    });
  } else result.gaps.push('encryption: no encryption settings found; the default provider-managed applies');
  const stateful = resources.filter((resource) => STATEFUL.test(resource.type));
  const deletion = habit(stateful, (leaves) =>
    leaves.some(
      ([path, value]) =>
        (/prevent_destroy$/.test(path) && value === true) ||
        (/(deletion_protection|deletionProtection|DeletionProtectionEnabled)$/.test(path) &&
          value === true) ||
        (/(DeletionPolicy|deletionPolicy)$/.test(path) &&
          ['Retain', 'Snapshot', 'RetainExceptOnCreate', 'Orphan'].includes(String(value))),
    ),
  );
  if (stateful.length) {
    result.deletionProtection = deletion.yes.length * 2 > stateful.length;
    result.items.push({
      file: 'context',
      path: ['environments', '*', 'deletionProtection'],
      note: `inferred: ${deletion.yes.length}/${stateful.length} stateful resources are protected from deletion`,
    });
    if (result.deletionProtection)
      for (const resource of deletion.no)
        result.outliers.push({
          resource: resourceKey(resource),
          file: resource.location.file,
          line: resource.location.line,
          problem: 'is not protected from deletion, unlike most stateful resources',
        });
  }
  const recovery = habit(resources, (leaves) => {
    const leaf = leaves.find(([path]) =>
      /(point_in_time_recovery|pointInTimeRecovery|PointInTimeRecovery)/.test(path),
    );
    return leaf ? leaf[1] === true || leaf[1] === 'ENABLED' : undefined;
  });
  if (recovery.yes.length + recovery.no.length) {
    result.pointInTimeRecovery = recovery.yes.length * 2 > recovery.yes.length + recovery.no.length;
    result.items.push({
      file: 'context',
      path: ['environments', '*', 'pointInTimeRecovery'],
      note: `inferred: ${recovery.yes.length}/${recovery.yes.length + recovery.no.length} tables with a recovery setting enable it`,
    });
  }
}

/** Infers context.md's region, naming, environments and security habits from the code. */
export function inferContext(
  parsed: ParsedSource,
  resources: Resource[],
  environmentTagValues: string[],
): InferredContext {
  const result: InferredContext = {
    naming: { pattern: '{env}-{team}-{resource}', case: 'kebab' },
    environments: [],
    items: [],
    outliers: [],
    gaps: [],
  };
  inferRegion(parsed, resources, result);
  inferNaming(resources, result);
  for (const value of environmentTagValues)
    if (KNOWN_ENVIRONMENTS.includes(value) && !result.environments.includes(value))
      result.environments.push(value);
  for (const input of parsed.inputs)
    for (const value of input.allowed ?? [])
      if (
        typeof value === 'string' &&
        KNOWN_ENVIRONMENTS.includes(value) &&
        !result.environments.includes(value)
      )
        result.environments.push(value);
  result.environments.sort(
    (left, right) => KNOWN_ENVIRONMENTS.indexOf(left) - KNOWN_ENVIRONMENTS.indexOf(right),
  );
  if (result.environments.length)
    result.items.push({
      file: 'context',
      path: ['environments'],
      note: `inferred: seen in names, tags or allowed values (${result.environments.join(', ')})`,
    });
  else {
    result.environments = ['dev', 'prod'];
    result.gaps.push('environments: none could be told from the code; dev and prod are placeholders');
  }
  inferHabits(resources, result);
  return result;
}
