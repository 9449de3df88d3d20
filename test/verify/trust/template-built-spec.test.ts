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
