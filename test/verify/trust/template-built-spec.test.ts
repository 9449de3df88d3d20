import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaStore } from '../../../src/schemas/store.js';
import { verifyText } from '../../../src/verify/verify-paths.js';
import { projectWith, sharedAvailable, sharedSkipReason } from '../support/schema-fixture.js';

if (!sharedAvailable) console.warn(`skipped: ${sharedSkipReason}`);

const composition = (body: string, patches = '') => `apiVersion: apiextensions.crossplane.io/v1
kind: Composition
metadata:
  name: built
spec:
  compositeTypeRef:
    apiVersion: platform.acme.com/v1alpha1
    kind: XThing
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
${body
  .split('\n')
  .map((line) => `            ${line}`)
  .join('\n')}
    - step: patch
      functionRef:
        name: function-patch-and-transform
      input:
        apiVersion: pt.fn.crossplane.io/v1beta1
        kind: Resources
        resources:
          - name: queue
            base:
              apiVersion: kms.aws.upbound.io/v1beta1
              kind: Key
              metadata:
                labels:
                  networks.aws.platform.upbound.io/network-id: main
              spec:
                forProvider:
                  tags:
                    managed-by: crossplane
            patches:${patches}
`;

describe.skipIf(!sharedAvailable)('fields a patch supplies', () => {
  let store: SchemaStore;
  let projectRoot: string;
  beforeAll(async () => {
    ({ store, projectRoot } = await projectWith(['upjet', 'crossplane']));
  });
  const run = (text: string) => verifyText(text, 'composition.yaml', { projectRoot, store });

  it('region from FromCompositeFieldPath, a quoted tag key and a bracketed label key are present and single keys', async () => {
    const patches = `
              - type: FromCompositeFieldPath
                fromFieldPath: spec.parameters.region
                toFieldPath: spec.forProvider.region
              - type: FromCompositeFieldPath
                fromFieldPath: metadata.labels[crossplane.io/claim-name]
                toFieldPath: spec.forProvider.tags["crossplane.io/claim-name"]
              - type: PatchSet
                patchSetName: common`;
    const withPatchSet = composition('', patches).replace(
      '        resources:\n',
      '        patchSets:\n          - name: common\n            patches:\n              - type: CombineFromComposite\n                combine:\n                  variables:\n                    - fromFieldPath: spec.parameters.name\n                  strategy: string\n                  string:\n                    fmt: "%s"\n                toFieldPath: spec.forProvider.description\n        resources:\n',
    );
    const result = await run(withPatchSet);
    const queue = result.findings.filter((finding) => finding.resourceName === 'queue');
    expect(queue.map((finding) => `${finding.ruleId} ${finding.message}`)).toEqual([]);
  });
});

const templateOnly = (body: string) => composition(body).replace(/ {4}- step: patch[\s\S]*$/, '');

describe.skipIf(!sharedAvailable)('whole spec objects built by a template action', () => {
  let store: SchemaStore;
  let projectRoot: string;
  beforeAll(async () => {
    ({ store, projectRoot } = await projectWith(['upjet', 'crossplane']));
  });
  const findingsOf = async (body: string) =>
    (await verifyText(templateOnly(body), 'composition.yaml', { projectRoot, store })).findings
      .filter((finding) => finding.ruleId !== 'IK-VERSION-DEPRECATED')
      .map((finding) => `${finding.severity} ${finding.ruleId} ${finding.fieldPath ?? ''}`.trim());
  const key = (spec: string) =>
    `apiVersion: kms.aws.upbound.io/v1beta1\nkind: Key\nmetadata:\n  name: k\nspec: ${spec}`;

  it('a spec built from a known dict is checked like YAML: nested dicts, literals and parameters', async () => {
    const clean = await findingsOf(
      `{{ $p := .observed.composite.resource.spec.parameters }}\n{{ $spec := dict "forProvider" (dict "region" $p.region "enableKeyRotation" true "deletionWindowInDays" 30) }}\n${key('{{ toYaml $spec | nindent 2 }}')}`,
    );
    expect(clean).toEqual([]);
    const typo = await findingsOf(
      `{{ $fp := dict "regoin" "us-east-1" }}\n{{ $spec := dict "forProvider" $fp }}\n${key('{{ $spec | toYaml | nindent 2 }}')}`,
    );
    expect(typo).toEqual([
      'high IK-FIELD-UNKNOWN spec.forProvider.regoin',
      'high IK-REQUIRED spec.forProvider.region',
    ]);
  });

  it('a line holding only the action spreads a known dict where it stands, and keeps the lines', async () => {
    const result = await verifyText(
      templateOnly(
        `{{ $spec := dict "forProvider" (dict "regoin" "us-east-1") }}\napiVersion: kms.aws.upbound.io/v1beta1\nkind: Key\nmetadata:\n  name: k\nspec:\n  {{- toYaml $spec | nindent 2 }}`,
      ),
      'composition.yaml',
      { projectRoot, store },
    );
    expect(
      result.findings.map((finding) => `${finding.ruleId} ${finding.fieldPath} ${finding.location.line}`),
    ).toEqual(['IK-FIELD-UNKNOWN spec.forProvider.regoin 26', 'IK-REQUIRED spec.forProvider.region 26']);
    const unknown = await findingsOf(
      `{{ $spec := .observed.composite.resource.spec.parameters.key }}\napiVersion: kms.aws.upbound.io/v1beta1\nkind: Key\nmetadata:\n  name: k\nspec:\n  {{ toYaml $spec | nindent 2 }}`,
    );
    expect(unknown).toEqual(['low IK-UNVERIFIABLE spec']);
  });

  it('a spec built from what verify cannot know is one "cannot see" warning, never a required-field error', async () => {
    expect(
      await findingsOf(key('{{ toYaml .observed.composite.resource.spec.parameters.key | nindent 2 }}')),
    ).toEqual(['low IK-UNVERIFIABLE spec']);
    expect(
      await findingsOf(
        `apiVersion: keyspaces.aws.upbound.io/v1beta1\nkind: Table\nmetadata:\n  name: t\nspec:\n  {{- toYaml .observed.composite.resource.spec.parameters.table | nindent 2 }}`,
      ),
    ).toEqual(['low IK-UNVERIFIABLE spec']);
    expect(
      await findingsOf(
        `apiVersion: kms.aws.upbound.io/v1beta1\nkind: Key\nmetadata:\n  name: k\nspec:\n  forProvider: {{ toJson .observed.composite.resource.spec.parameters.key }}`,
      ),
    ).toEqual(['low IK-UNVERIFIABLE spec.forProvider']);
  });
});
