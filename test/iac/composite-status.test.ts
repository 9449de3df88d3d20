import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/iac/parse.js';

const composition = (statusDocument: string) => `apiVersion: apiextensions.crossplane.io/v1
kind: Composition
metadata:
  name: status
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
            apiVersion: kms.aws.upbound.io/v1beta1
            kind: Key
            metadata:
              annotations:
                gotemplating.fn.crossplane.io/composition-resource-name: key
            spec:
              forProvider:
                region: us-east-1
            ---
${statusDocument
  .split('\n')
  .map((line) => `            ${line}`)
  .join('\n')}
`;

describe('the XR-status document a go-template writes', () => {
  it('is recognised, not read as a resource without a kind', async () => {
    const parsed = await parseText(
      composition(
        'apiVersion: {{ .observed.composite.resource.apiVersion }}\nkind: {{ .observed.composite.resource.kind }}\nstatus:\n  ready: true',
      ),
      'composition.yaml',
    );
    expect(parsed.resources.map((resource) => resource.type)).toEqual([
      'apiextensions.crossplane.io/v1/Composition',
      'kms.aws.upbound.io/v1beta1/Key',
    ]);
  });

  it('with a literal apiVersion and kind it is kept, so its status fields are checked against the XRD', async () => {
    const parsed = await parseText(
      composition('apiVersion: platform.acme.com/v1alpha1\nkind: XThing\nstatus:\n  ready: true'),
      'composition.yaml',
    );
    expect(parsed.resources.map((resource) => resource.kind)).toContain('XThing');
  });
});
