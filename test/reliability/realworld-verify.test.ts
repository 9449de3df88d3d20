import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { importSchemas } from '../../src/schemas/import.js';
import { SchemaStore } from '../../src/schemas/store.js';
import { isError } from '../../src/verify/verify-finding.js';
import { verifyPaths, type VerifyResult } from '../../src/verify/verify-paths.js';

/**
 * The real-code regression suite: the provider's own examples (provider-upjet-aws v2.6.0) against the
 * full CRD tarball of the same tag, compared resource by resource with what the real
 * `crossplane beta validate` rejects (beta-validate-rejections.tsv beside them), and the original
 * InfraKit's examples. Figures are kept in docs/verify.md.
 */
const shared = resolve(import.meta.dirname, '../../../shared');
const examples = join(shared, 'realworld/provider-upjet-aws-v2.6.0-examples');
const tarball = join(shared, 'crds/provider-upjet-aws-v2.6.0-crds.tar.gz');
const crossplaneCrds = join(shared, 'crds/crossplane-v2.3.4');
const upstream = join(shared, 'realworld/infrakit-upstream-examples');
const available = [examples, tarball, crossplaneCrds, upstream].every((path) => existsSync(path));
if (!available)
  console.warn(
    `skipped: the real-code suite needs ${examples}, ${tarball} and ${upstream} (../shared beside the project)`,
  );

/**
 * Where infrakit rightly rejects more than `crossplane beta validate`, each entry checked against the
 * v2.6.0 CRDs: `file|apiVersion/Kind|name|rule`, and why.
 */
const REVIEWED_EXTRA_REJECTIONS: Record<string, string> = {
  'examples/codebuild/namespaced/v1beta1/reportgroup.yaml|kms.aws.upbound.io/v1beta1/Key|example-${Rand.RFC1123Subdomain}|IK-SCOPE':
    'kms.aws.upbound.io Key is scope: Cluster; the example gives it metadata.namespace',
  'examples/providerconfig/namespaced/v1beta1/clusterproviderconfig.yaml|aws.m.upbound.io/v1beta1/ClusterProviderConfig|default|IK-SCOPE':
    'ClusterProviderConfig is scope: Cluster; the example gives it metadata.namespace',
  'examples/verifiedaccess/namespaced/v1beta1/endpoint.yaml|acm.aws.upbound.io/v1beta2/Certificate|example|IK-SCOPE':
    'acm.aws.upbound.io Certificate is scope: Cluster (a cluster-scoped MR in a namespaced example)',
  'examples/verifiedaccess/namespaced/v1beta1/endpoint.yaml|elbv2.aws.upbound.io/v1beta2/LB|example|IK-SCOPE':
    'elbv2.aws.upbound.io LB is scope: Cluster',
  'examples/verifiedaccess/namespaced/v1beta1/endpoint.yaml|ec2.aws.upbound.io/v1beta1/VPC|example|IK-SCOPE':
    'ec2.aws.upbound.io VPC is scope: Cluster',
  'examples/verifiedaccess/namespaced/v1beta1/endpoint.yaml|ec2.aws.upbound.io/v1beta1/Subnet|example|IK-SCOPE':
    'ec2.aws.upbound.io Subnet is scope: Cluster',
  'examples/eks/namespaced/v1beta1/capability.yaml|eks.aws.m.upbound.io/v1beta2/Cluster|sample-eks-cluster|IK-VERSION-NOT-SERVED':
    'eks.aws.m.upbound.io Cluster has one version, v1beta1',
  'examples/eks/namespaced/v1beta1/capability-argocd.yaml|eks.aws.m.upbound.io/v1beta2/Cluster|sample-eks-cluster|IK-VERSION-NOT-SERVED':
    'eks.aws.m.upbound.io Cluster has one version, v1beta1',
  'examples/emrcontainers/namespaced/v1beta1/virtualcluster.yaml|eks.aws.m.upbound.io/v1beta2/Cluster|example-eks-cluster|IK-VERSION-NOT-SERVED':
    'eks.aws.m.upbound.io Cluster has one version, v1beta1',
  'examples/ce/cluster/v1beta1/costcategory.yaml|ce.aws.upbound.io/v1beta1/CostCategory|test|IK-KIND-UNKNOWN':
    'the v2.6.0 CRD set has no CostCategory (ce has only AnomalyMonitor): the example is left over',
  'examples/ce/namespaced/v1beta1/costcategory.yaml|ce.aws.m.upbound.io/v1beta1/CostCategory|test|IK-KIND-UNKNOWN':
    'the v2.6.0 CRD set has no CostCategory (ce has only AnomalyMonitor)',
  'examples/storeconfig/cluster/v1beta1/vault.yaml|aws.upbound.io/v1alpha1/StoreConfig|vault|IK-KIND-UNKNOWN':
    'the v2.6.0 CRD set has no StoreConfig (aws.upbound.io has ProviderConfig and ProviderConfigUsage)',
  'examples/storeconfig/namespaced/v1beta1/vault.yaml|aws.m.upbound.io/v1alpha1/StoreConfig|vault|IK-KIND-UNKNOWN':
    'the v2.6.0 CRD set has no StoreConfig',
  'examples/providerconfig/cluster/v1beta1/providerconfig.yaml|v1/Secret|example-aws-creds|IK-CONSTRAINT':
    'data.credentials is `<REPLACEME>`, not base64: the API server refuses it (beta validate has no Secret schema)',
  'examples/providerconfig/namespaced/v1beta1/providerconfig.yaml|v1/Secret|example-aws-creds|IK-CONSTRAINT':
    'data.credentials is `<REPLACEME>`, not base64',
};

const keyOf = (finding: Finding) => `${finding.resourceType} ${finding.resourceName}`;

describe.skipIf(!available)(
  'real code: provider-upjet-aws v2.6.0 examples against crossplane beta validate',
  () => {
    let result: VerifyResult;
    let truth: Set<string>;
    beforeAll(async () => {
      const projectRoot = await mkdtemp(join(tmpdir(), 'ik-realworld-'));
      await mkdir(join(projectRoot, '.infrakit'));
      const cacheDirectory = join(tmpdir(), 'infrakit-realworld-schema-cache');
      await importSchemas(tarball, { projectRoot, cacheDirectory });
      await importSchemas(crossplaneCrds, { projectRoot, cacheDirectory });
      const store = await SchemaStore.open(projectRoot, { cacheDirectory, autoCore: false });
      result = await verifyPaths(['examples'], { projectRoot: examples, store });
      truth = new Set(
        readFileSync(join(examples, 'beta-validate-rejections.tsv'), 'utf8')
          .split('\n')
          .filter((line) => line && !line.startsWith('#'))
          .map((line) => line.replace('\t', ' ')),
      );
    }, 600_000);

    it('rejects every resource the real validator rejects, each with a named rule', () => {
      const rejected = new Map<string, string[]>();
      for (const finding of result.findings.filter(isError))
        rejected.set(keyOf(finding), [...(rejected.get(keyOf(finding)) ?? []), finding.ruleId]);
      const misses = [...truth].filter((key) => !rejected.has(key));
      expect(misses).toEqual([]);
      for (const key of truth)
        expect(rejected.get(key)!.every((rule) => /^IK-[A-Z-]+$/.test(rule))).toBe(true);
      console.info(`realworld: ${truth.size} of ${truth.size} rejections of crossplane beta validate agreed`);
    });

    it('passes every resource the real validator accepts, except the reviewed extra rejections', () => {
      const extra = result.findings
        .filter((finding) => isError(finding) && !truth.has(keyOf(finding)))
        .map(
          (finding) =>
            `${finding.location.file}|${finding.resourceType}|${finding.resourceName}|${finding.ruleId}`,
        );
      expect([...new Set(extra)].sort()).toEqual(Object.keys(REVIEWED_EXTRA_REJECTIONS).sort());
      const files = new Set(result.findings.filter(isError).map((finding) => finding.location.file));
      console.info(
        `realworld: ${result.resources} resources in 2,368 files; ${files.size} files rejected; ${new Set(extra).size} reviewed extra rejections; 0 false errors`,
      );
    });

    it('verifies core Secrets and reports absent Crossplane kinds once each as warnings', () => {
      const secrets = result.checked.filter((checked) => checked.key === '/Secret');
      expect(secrets.length).toBeGreaterThan(100);
      const absent = result.findings.filter((finding) => finding.ruleId === 'IK-UNVERIFIABLE');
      expect(absent.every((finding) => finding.severity === 'low')).toBe(true);
      expect(absent.map((finding) => finding.resourceType).sort()).toEqual([
        'pkg.crossplane.io/v1beta1/DeploymentRuntimeConfig',
        'protection.crossplane.io/v1beta1/ClusterUsage',
        'protection.crossplane.io/v1beta1/Usage',
      ]);
      expect(result.findings.some((finding) => /secretsmanager/.test(finding.suggestion ?? ''))).toBe(false);
    });

    it('raises no "Valid values" warning on values the provider itself uses', () => {
      const advisory = result.findings.filter((finding) => finding.ruleId === 'IK-ENUM' && !isError(finding));
      expect(advisory.map((finding) => `${finding.resourceType} ${finding.fieldPath}`)).toEqual([]);
    });
  },
);

describe.skipIf(!available)('real code: the original InfraKit examples (verifier side)', () => {
  let result: VerifyResult;
  beforeAll(async () => {
    const projectRoot = await mkdtemp(join(tmpdir(), 'ik-upstream-'));
    await mkdir(join(projectRoot, '.infrakit'));
    const cacheDirectory = join(tmpdir(), 'infrakit-realworld-schema-cache');
    await importSchemas(tarball, { projectRoot, cacheDirectory });
    await importSchemas(crossplaneCrds, { projectRoot, cacheDirectory });
    const store = await SchemaStore.open(projectRoot, { cacheDirectory, autoCore: false });
    result = await verifyPaths(['crossplane'], { projectRoot: upstream, store });
  }, 600_000);

  it('finds the two real defects of the definitions and compositions', () => {
    const parse = result.findings.find((finding) => finding.ruleId === 'IK-PARSE');
    expect(parse?.location.file).toBe('crossplane/compositions/xpostgresql-instance/definition.yaml');
    expect(parse?.message).toMatch(/duplicate|unique/i);
    expect(
      result.findings.some(
        (finding) =>
          finding.ruleId === 'IK-FIELD-UNKNOWN' && finding.fieldPath === 'writeConnectionSecretToRef',
      ),
    ).toBe(true);
  });

  it('gives no warning for the Keyspaces column type against the KMS key types of another field', () => {
    expect(result.findings.filter((finding) => finding.ruleId === 'IK-ENUM')).toEqual([]);
  });
});
