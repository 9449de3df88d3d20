import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaStore } from '../../src/schemas/store.js';
import { verifyPaths, verifyText } from '../../src/verify/verify-paths.js';
import { expectPlantedFinding } from './support/planted-finding.js';
import {
  fixturesDirectory,
  projectWith,
  sharedAvailable,
  sharedSkipReason,
} from './support/schema-fixture.js';

if (!sharedAvailable) console.warn(`skipped: ${sharedSkipReason}`);

describe.skipIf(!sharedAvailable)(
  'verify: Crossplane against the real provider-upjet-aws v2.6.0 and crossplane v2.3.4 CRDs',
  () => {
    let store: SchemaStore;
    beforeAll(async () => {
      store = (await projectWith(['upjet', 'crossplane'])).store;
    });
    const run = (paths: string[]) => verifyPaths(paths, { projectRoot: fixturesDirectory, store });

    it('passes a Pipeline composition with an inline go-template (warnings only)', async () => {
      const result = await run(['crossplane/composition-clean.yaml']);
      expect(result.errors).toBe(0);
      expect(result.resources).toBe(4);
      expect(result.summary).toMatch(/every field matches its schema/);
    });

    it.each([
      [10, 'IK-FIELD-UNKNOWN', 'spec.forProvider.regoin', 'did you mean "region"?'],
      [17, 'IK-KIND-UNKNOWN', 'kind', 'did you mean "Keyspace"?'],
      [25, 'IK-VERSION-NOT-SERVED', 'apiVersion', 'did you mean "keyspaces.aws.m.upbound.io/v1beta1"?'],
      [43, 'IK-SHAPE-VERSION', 'spec.forProvider.pointInTimeRecovery', undefined],
      [59, 'IK-REQUIRED', 'spec.forProvider.tableName', undefined],
      [83, 'IK-TYPE', 'spec.forProvider.defaultTimeToLive', undefined],
      [102, 'IK-CASE', 'spec.forProvider.Region', 'did you mean "region"?'],
      [114, 'IK-SCOPE', 'spec.deletionPolicy', undefined],
      [127, 'IK-ENUM', 'spec.deletionPolicy', undefined],
    ])('line %i: %s at %s', async (line, ruleId, fieldPath, suggestion) => {
      const result = await run(['crossplane/defects.yaml']);
      const finding = expectPlantedFinding(result, { line, ruleId, fieldPath, suggestion });
      expect(finding.severity).toBe('high');
      expect(finding.location.file).toBe('crossplane/defects.yaml');
      expect(finding.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    });

    it('names the other version in a shape finding', async () => {
      const result = await run(['crossplane/defects.yaml']);
      const shape = result.findings.find((finding) => finding.ruleId === 'IK-SHAPE-VERSION');
      expect(shape?.message).toContain('this is the v1beta1 shape');
    });

    it('gives no warning for an upjet "Valid values" list that belongs to another field', async () => {
      // provider-upjet-aws v2.6.0 copies the encryption types into the Keyspaces column `type` description
      const result = await run(['crossplane/defects.yaml']);
      expect(result.findings.find((finding) => finding.location.line === 147)).toBeUndefined();
      // a value outside the field's own list is still an advisory warning (Keyspaces has no ON_DEMAND mode)
      const advisory = result.findings.find((finding) => finding.location.line === 143);
      expect(advisory).toMatchObject({ ruleId: 'IK-ENUM', severity: 'low' });
    });

    it('checks the else branch of an inline template', async () => {
      const result = await run(['crossplane/template-else-defect.yaml']);
      expect(
        result.findings
          .filter((finding) => finding.severity === 'high')
          .map((finding) => [finding.location.line, finding.fieldPath, finding.suggestion]),
      ).toEqual([[36, 'spec.forProvider.versioningConfiguration.statuz', 'did you mean "status"?']]);
    });

    it('verifies legacy patch-and-transform bases (and Crossplane v2 no longer has spec.resources)', async () => {
      const result = await run(['crossplane/legacy-pt.yaml']);
      const fields = result.findings.map((finding) => [
        finding.location.line,
        finding.ruleId,
        finding.fieldPath,
      ]);
      expect(fields).toContainEqual([17, 'IK-FIELD-UNKNOWN', 'spec.forProvider.tag']);
      expect(fields).toContainEqual([9, 'IK-FIELD-UNKNOWN', 'spec.resources']);
      const patch = result.findings.find((finding) => finding.fieldPath === 'spec.forProvider.ownr');
      expect(patch).toMatchObject({ ruleId: 'IK-FIELD-UNKNOWN', location: { line: 24 } });
      expect(patch?.message).toContain(
        'has no field ownr there; allowed: region, replicationSpecification, tags',
      );
      expect(
        result.findings.filter(
          (finding) => finding.fieldPath?.includes('[team]') || finding.fieldPath?.startsWith('metadata'),
        ),
      ).toEqual([]);
    });

    it('verifies a claim against the XRD in the project', async () => {
      const result = await run(['crossplane/xrd-and-claim.yaml']);
      const errors = result.findings
        .filter((finding) => finding.severity === 'high')
        .map((finding) => [finding.location.line, finding.ruleId, finding.fieldPath]);
      expect(errors).toEqual([
        [48, 'IK-REQUIRED', 'spec.region'],
        [49, 'IK-FIELD-UNKNOWN', 'spec.regions'],
        [50, 'IK-TYPE', 'spec.replicas'],
      ]);
    });

    it('warns once per kind whose schema is not in the store, naming what to import; --strict fails each', async () => {
      const queue = (name: string) =>
        `apiVersion: sqs.aws.upbound.io/v1beta1\nkind: Queue\nmetadata:\n  name: ${name}\nspec:\n  forProvider: {}\n`;
      const text = `${queue('a')}---\n${queue('b')}`;
      const result = await verifyText(text, 'queue.yaml', { projectRoot: fixturesDirectory, store });
      expect(result.findings).toHaveLength(1);
      expect(result.findings[0]).toMatchObject({ ruleId: 'IK-UNVERIFIABLE', severity: 'low' });
      expect(result.findings[0].message).toContain("import the AWS provider's CRDs for sqs.aws.upbound.io");
      expect(result.findings[0].message).toContain(
        'infrakit schemas import provider-upjet-aws-v2.6.0/package/crds',
      );
      expect(result.findings[0].message).toContain('(2 resources of this kind)');
      expect(result.errors).toBe(0);
      const strict = await verifyText(text, 'queue.yaml', {
        projectRoot: fixturesDirectory,
        store,
        strict: true,
      });
      expect(strict.findings.map((finding) => finding.severity)).toEqual(['high', 'high']);
      expect(strict.errors).toBe(2);
    });

    it('reports cluster-only fields on namespaced resources through verifyText', async () => {
      const text = [
        'apiVersion: s3.aws.m.upbound.io/v1beta1',
        'kind: Bucket',
        'metadata:',
        '  name: b',
        '  namespace: a',
        'spec:',
        '  forProvider:',
        '    region: us-east-1',
        '  providerConfigRef:',
        '    kind: ClusterProviderConfig',
        '    name: default',
        '  writeConnectionSecretToRef:',
        '    name: s',
        '    namespace: other',
      ].join('\n');
      const result = await verifyText(text, 'bucket.yaml', { projectRoot: fixturesDirectory, store });
      expect(
        result.findings.map((finding) => [finding.ruleId, finding.fieldPath, finding.location.line]),
      ).toEqual([['IK-SCOPE', 'spec.writeConnectionSecretToRef.namespace', 14]]);
    });
  },
);
