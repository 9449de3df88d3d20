import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importSchemas } from '../../src/schemas/import.js';
import { SchemaStore } from '../../src/schemas/store.js';
import { verifyText, type VerifyResult } from '../../src/verify/verify-paths.js';
import { fixturesDirectory, sharedCacheDirectory } from './support/schema-fixture.js';

const widgets = join(fixturesDirectory, 'schemas/structural-widgets.yaml');

const widget = (spec: string) =>
  `apiVersion: example.infrakit.dev/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: a\nspec:\n${spec}\n`;

const summary = (result: VerifyResult) =>
  result.findings.map((finding) => [finding.ruleId, finding.severity, finding.fieldPath ?? '']);

describe('verify: what the Kubernetes API server (and crossplane beta validate) enforce', () => {
  let store: SchemaStore;
  let projectRoot: string;
  beforeAll(async () => {
    projectRoot = await mkdtemp(join(tmpdir(), 'ik-structural-'));
    await mkdir(join(projectRoot, '.infrakit'), { recursive: true });
    await importSchemas(widgets, {
      projectRoot,
      cacheDirectory: sharedCacheDirectory,
      name: 'provider-upjet-aws',
      version: 'v2.6.0',
    });
    store = await SchemaStore.open(projectRoot, { cacheDirectory: sharedCacheDirectory, autoCore: false });
  });
  const run = (text: string, strict = false) =>
    verifyText(text, 'input.yaml', { projectRoot, store, strict });

  it('rejects an explicit null for a string, object or array field, not for a nullable one', async () => {
    const result = await run(widget('  description:\n  settings:\n  ports: null\n  note: ~'));
    expect(summary(result)).toEqual([
      ['IK-TYPE', 'high', 'spec.description'],
      ['IK-TYPE', 'high', 'spec.settings'],
      ['IK-TYPE', 'high', 'spec.ports'],
    ]);
    expect(result.findings[0].message).toContain('an explicit null is not allowed here; expected string');
  });

  it('checks pattern, maxLength, minimum, maximum and maxItems', async () => {
    const result = await run(widget('  name: Widget-Name\n  replicas: 9\n  ports: [1, 2, 3]'));
    expect(summary(result)).toEqual([
      ['IK-CEL', 'high', 'spec'],
      ['IK-CONSTRAINT', 'high', 'spec.name'],
      ['IK-CONSTRAINT', 'high', 'spec.name'],
      ['IK-CONSTRAINT', 'high', 'spec.replicas'],
      ['IK-CONSTRAINT', 'high', 'spec.ports'],
    ]);
    const messages = result.findings.map((finding) => finding.message).join('\n');
    expect(messages).toContain('does not match the pattern ^[a-z]+$');
    expect(messages).toContain('longer than the maximum length 8');
    expect(messages).toContain('9 is above the maximum 5');
    expect(messages).toContain('has 3 items; at most 2 are allowed');
  });

  it('evaluates the CEL rules of the CRD with schema defaults applied, and skips transition rules', async () => {
    const failing = await run(widget('  mode: Pipeline'));
    expect(summary(failing)).toEqual([['IK-CEL', 'high', 'spec']]);
    expect(failing.findings[0].message).toContain('an array of pipeline steps is required in Pipeline mode');
    expect(failing.findings[0].message).not.toContain('immutable');
    // mode is absent: the API server defaults it to Simple before the rule runs
    expect((await run(widget('  replicas: 2'))).findings).toEqual([]);
    expect((await run(widget('  mode: Pipeline\n  pipeline: [a]\n  name: wide'))).findings).toEqual([]);
    const unnamed = await run(widget('  name: other'));
    expect(unnamed.findings[0].message).toContain(
      "failed rule: !has(self.name) || self.name.startsWith('w')",
    );
  });

  it('verifies core Kubernetes kinds against the upstream schemas of kubernetes-models', async () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: a\ntype: Opaque\n';
    const clean = await run(`${secret}stringData:\n  password: hunter2\n`);
    expect(clean.findings).toEqual([]);
    expect(clean.checked[0]).toMatchObject({
      key: '/Secret',
      version: 'v1',
      source: { name: 'kubernetes-models' },
    });
    const wrong = await run(`${secret}stringData:\n  port: 5432\ndata:\n  key: not base64!\n`);
    expect(summary(wrong)).toEqual([
      ['IK-TYPE', 'high', 'stringData.port'],
      ['IK-CONSTRAINT', 'high', 'data.key'],
    ]);
    const deployment = await run(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: three\n  template: {}\n',
    );
    expect(summary(deployment)).toEqual([
      ['IK-REQUIRED', 'high', 'spec.selector'],
      ['IK-TYPE', 'high', 'spec.replicas'],
    ]);
  });

  it('does not require the fields Kubernetes 1.36 no longer requires, and still requires the rest', async () => {
    const policy = await run(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: n\n  namespace: a\nspec:\n  policyTypes: [Ingress]\n',
    );
    expect(policy.findings).toEqual([]);
    expect(policy.checked[0]).toMatchObject({ source: { name: 'kubernetes-models' } });
    const binding = await run(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: a\nroleRef:\n  name: r\n',
    );
    expect(summary(binding)).toEqual([['IK-REQUIRED', 'high', 'roleRef.kind']]);
    const job = await run(
      [
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: j, namespace: a}',
        'spec:',
        '  podFailurePolicy:',
        '    rules:',
        '      - action: Ignore',
        '        onPodConditions:',
        '          - {}',
        '  template:',
        '    spec:',
        '      restartPolicy: Never',
        '      containers: [{name: c, image: busybox}]',
      ].join('\n'),
    );
    expect(summary(job)).toEqual([
      ['IK-REQUIRED', 'high', 'spec.podFailurePolicy.rules[0].onPodConditions[0].type'],
    ]);
    const wrongSelector = await run(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: n\n  namespace: a\nspec:\n  podSelector: everything\n',
    );
    expect(summary(wrongSelector)).toEqual([['IK-TYPE', 'high', 'spec.podSelector']]);
  });

  it('says a built-in Kubernetes kind it has no schema for is not a CRD to import', async () => {
    const later = await run(
      'apiVersion: storage.k8s.io/v1\nkind: VolumeAttributesClass\nmetadata:\n  name: v\ndriverName: ebs.csi.aws.com\n',
    );
    expect(summary(later)).toEqual([['IK-UNVERIFIABLE', 'low', '']]);
    expect(later.findings[0].message).toContain('storage.k8s.io is built into Kubernetes');
    expect(later.findings[0].message).toContain('kubectl api-resources');
    expect(later.findings[0].message).not.toContain('import the CRDs');
    const gateway = await run(
      'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\n  namespace: a\n',
    );
    expect(gateway.findings[0].message).toContain('import the CRDs that define gateway.networking.k8s.io');
  });

  it('never suggests a kind of another API group family', async () => {
    const core = await run('apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n');
    expect(summary(core)).toEqual([['IK-UNVERIFIABLE', 'low', '']]);
    expect(core.findings[0].suggestion).toBeUndefined();
    const apps = await run('apiVersion: apps/v1\nkind: Deploymint\nmetadata:\n  name: d\n');
    expect(summary(apps)).toEqual([['IK-UNVERIFIABLE', 'low', '']]);
    const sibling = await run('apiVersion: example.m.infrakit.dev/v1\nkind: Widget\nmetadata:\n  name: w\n');
    expect(sibling.findings[0]).toMatchObject({
      ruleId: 'IK-KIND-UNKNOWN',
      suggestion: 'did you mean apiVersion "example.infrakit.dev/v1"?',
    });
  });

  it('names Crossplane kinds whose CRDs are absent once, as a warning naming what to import', async () => {
    const usage = (name: string) =>
      `apiVersion: protection.crossplane.io/v1beta1\nkind: Usage\nmetadata:\n  name: ${name}\nspec:\n  replayDeletion: true\n`;
    const result = await run(`${usage('a')}---\n${usage('b')}---\n${usage('c')}`);
    expect(summary(result)).toEqual([['IK-UNVERIFIABLE', 'low', '']]);
    expect(result.findings[0].message).toContain("import Crossplane's own CRDs for protection.crossplane.io");
    expect(result.findings[0].message).toContain('(3 resources of this kind)');
    expect(result.errors).toBe(0);
    expect((await run(usage('a'), true)).errors).toBe(1);
  });

  it('says when the imported schema is not the version the code declares', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'ik-declared-'));
    await mkdir(join(directory, '.infrakit'));
    const metadata = [
      'apiVersion: meta.pkg.crossplane.io/v1',
      'kind: Configuration',
      'metadata:',
      '  name: platform',
      'spec:',
      '  dependsOn:',
      '    - provider: xpkg.upbound.io/upbound/provider-aws-s3',
      '      version: ">=v1.1.0 <v2.0.0"',
    ].join('\n');
    await writeFile(join(directory, 'crossplane.yaml'), metadata);
    const result = await run(`${metadata}\n---\n${widget('  description:')}`);
    const declared = result.findings.find((finding) => finding.ruleId === 'IK-VERSION-DECLARED');
    expect(declared?.message).toContain(
      'declares xpkg.upbound.io/upbound/provider-aws-s3 >=v1.1.0 <v2.0.0, but verify checked against provider-upjet-aws v2.6.0',
    );
    expect(declared?.severity).toBe('low');
    const typeFinding = result.findings.find((finding) => finding.ruleId === 'IK-TYPE');
    expect(typeFinding?.message).toContain(
      'possibly only a version difference: the code declares xpkg.upbound.io/upbound/provider-aws-s3 >=v1.1.0 <v2.0.0; the schema checked is provider-upjet-aws v2.6.0',
    );
    const satisfied = await run(
      `${metadata.replace('>=v1.1.0 <v2.0.0', '>=v2.0.0')}\n---\n${widget('  replicas: 1')}`,
    );
    expect(satisfied.findings).toEqual([]);
  });
});
