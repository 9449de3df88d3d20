import { describe, expect, it } from 'vitest';
import { runPolicy } from '../../src/policy/engine.js';
import { parse, testConstraints } from './helpers.js';

const composition = (policies: string) => `apiVersion: apiextensions.crossplane.io/v1
kind: Composition
metadata:
  name: tables
spec:
  compositeTypeRef:
    apiVersion: platform.acme.com/v1alpha1
    kind: Tables
  mode: Pipeline
  pipeline:
    - step: render
      functionRef:
        name: function-go-templating
      input:
        apiVersion: gotemplating.fn.crossplane.io/v1beta1
        kind: GoTemplate
        source: Inline
        inline:
          template: |
            {{ $p := .observed.composite.resource.spec.parameters }}
            apiVersion: keyspaces.aws.m.upbound.io/v1beta1
            kind: Keyspace
            metadata:
              annotations:
                gotemplating.fn.crossplane.io/composition-resource-name: keyspace
            spec:
${policies}
              forProvider:
                region: us-east-1
`;

describe('go-template branches', () => {
  it('a problem in every branch keeps its severity', async () => {
    const result = runPolicy(await parse(composition(''), 'composition.yaml'), await testConstraints(), {
      environment: 'prod',
    });
    expect(result.findings.find((finding) => finding.ruleId === 'IK-DEL-001')?.severity).toBe('high');
  });

  it('a problem in only one if/else branch is MEDIUM and says why', async () => {
    const branch =
      '              {{ if $p.retain }}\n              managementPolicies: ["Observe", "Create", "Update", "LateInitialize"]\n              {{ end }}';
    const result = runPolicy(await parse(composition(branch), 'composition.yaml'), await testConstraints(), {
      environment: 'prod',
    });
    const finding = result.findings.find((entry) => entry.ruleId === 'IK-DEL-001');
    expect(finding?.severity).toBe('medium');
    expect(finding?.message).toContain('only in some if/else branches');
  });

  it('a branch on the environment is judged in the environments that take it', async () => {
    const branch =
      '              {{ if eq $p.environment "prod" }}\n              managementPolicies: ["Observe", "Create", "Update", "LateInitialize"]\n              {{ end }}';
    const parsed = await parse(composition(branch), 'composition.yaml');
    const deletion = async (environment: string) =>
      runPolicy(parsed, await testConstraints(), { environment }).findings.filter(
        (entry) => entry.ruleId === 'IK-DEL-001',
      );
    // prod takes the branch that keeps the keyspace; dev the one that may delete it
    expect(await deletion('prod')).toEqual([]);
    expect((await deletion('dev')).map((finding) => finding.message)).toEqual([
      expect.not.stringContaining('only in some if/else branches'),
    ]);
  });

  it('an environment no reading of the template takes (staging, between a prod and a dev branch) is judged on every reading', async () => {
    // Two branches, one on "prod" and one on "dev": the readings assume prod and dev together.
    const branch =
      '              {{ if eq $p.environment "prod" }}\n              managementPolicies: ["Observe", "Create", "Update", "LateInitialize"]\n              {{ end }}\n              {{ if ne $p.environment "dev" }}\n              deletionPolicy: Orphan\n              {{ end }}';
    const parsed = await parse(composition(branch), 'composition.yaml');
    const judged = (environment: string) =>
      runPolicy(parsed, testConstraintsSync, { environment }).findings.filter(
        (entry) => entry.resourceName === 'keyspace',
      );
    const testConstraintsSync = await testConstraints();
    // staging is neither prod nor dev: its resources are still checked, never silently dropped
    expect(judged('staging').some((finding) => finding.ruleId === 'IK-DEL-001')).toBe(true);
  });

  it('observed-state manifests (with status) are not judged', async () => {
    const observed =
      'apiVersion: kms.aws.m.upbound.io/v1beta1\nkind: Key\nmetadata:\n  name: k\nspec:\n  forProvider:\n    region: us-east-1\nstatus:\n  atProvider:\n    arn: arn:aws:kms:us-east-1:111122223333:key/x\n';
    const result = runPolicy(await parse(observed, 'observed.yaml'), await testConstraints(), {
      environment: 'prod',
    });
    expect(result.findings).toEqual([]);
  });
});

describe('go-template variables assigned inside an environment branch', () => {
  const tagged = (branches: string) =>
    composition('')
      .replace(
        '              forProvider:\n                region: us-east-1\n',
        `              forProvider:\n                region: us-east-1\n                tags: {{ toJson $tags }}\n`,
      )
      .replace(
        '{{ $p := .observed.composite.resource.spec.parameters }}',
        `{{ $p := .observed.composite.resource.spec.parameters }}\n${branches}`,
      );

  it('a $tags dict set in the prod branch is what prod is judged on, the other dict what dev is', async () => {
    const text = tagged(
      [
        '            {{ $tags := dict "managed-by" "crossplane" }}',
        '            {{ if eq $p.environment "prod" }}',
        '            {{ $_ := set $tags "managed-by" "terraform" }}',
        '            {{ end }}',
      ].join('\n'),
    );
    const parsed = await parse(text, 'composition.yaml');
    const keyspaces = parsed.resources.filter((resource) => resource.kind === 'Keyspace');
    expect(
      keyspaces.map(
        (resource) => (resource.body.spec as { forProvider: { tags: unknown } }).forProvider.tags,
      ),
    ).toEqual([{ 'managed-by': 'terraform' }, { 'managed-by': 'crossplane' }]);
    expect(keyspaces.map((resource) => resource.meta.parameterBranches)).toEqual([
      [[{ parameter: 'spec.parameters.environment', equals: 'prod', holds: true }]],
      [[{ parameter: 'spec.parameters.environment', equals: 'prod', holds: false }]],
    ]);
  });
});
