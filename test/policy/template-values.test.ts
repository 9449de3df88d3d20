import { describe, expect, it } from 'vitest';
import type { Constraints } from '../../src/constraints/load.js';
import { runPolicy } from '../../src/policy/engine.js';
import { parse, testConstraints } from './helpers.js';

/** A Pipeline composition whose go-template body is `template` (indented under `template: |`). */
const composition = (template: string, input = '') => `apiVersion: apiextensions.crossplane.io/v1
kind: Composition
metadata:
  name: keyspaces
spec:
  compositeTypeRef:
    apiVersion: platform.acme.com/v1alpha1
    kind: XKeyspace
  mode: Pipeline
  pipeline:
    - step: render
      functionRef:
        name: function-go-templating
      input:
        apiVersion: gotemplating.fn.crossplane.io/v1beta1
        kind: GoTemplate
        source: Inline
${input}        inline:
          template: |
${template
  .split('\n')
  .map((line) => `            ${line}`)
  .join('\n')}
`;

async function labelledConstraints(): Promise<Constraints> {
  const constraints = await testConstraints();
  return {
    ...constraints,
    tagging: {
      ...constraints.tagging,
      tags: [
        { key: 'claim-name', source: 'label', from: 'crossplane.io/claim-name' },
        { key: 'team', source: 'parameter', from: 'spec.parameters.team' },
        { key: 'managed-by', source: 'constant', value: 'crossplane' },
      ],
    },
  };
}

const tagFindings = async (text: string) =>
  runPolicy(await parse(text, 'composition.yaml'), await labelledConstraints(), { environment: 'prod' })
    .findings.filter((finding) => finding.ruleId.startsWith('IK-TAG'))
    .map((finding) => `${finding.ruleId} ${finding.severity} ${finding.message}`);

const keyspace = (tags: string) => `apiVersion: keyspaces.aws.m.upbound.io/v1beta1
kind: Keyspace
metadata:
  annotations:
    gotemplating.fn.crossplane.io/composition-resource-name: keyspace
spec:
  managementPolicies: ["Observe", "Create", "Update", "LateInitialize"]
  forProvider:
    region: us-east-1
    tags: ${tags}`;

describe('go-template values followed for the tagging standard', () => {
  it('checks a $tags dict built from labels and parameters instead of reporting "cannot see"', async () => {
    const template = [
      '{{- $xr := .observed.composite.resource -}}',
      '{{- $p := $xr.spec.parameters -}}',
      '{{- $labels := (dig "metadata" "labels" (dict) $xr) -}}',
      '{{- $claim := (get $labels "crossplane.io/claim-name") -}}',
      '{{- $tags := dict "claim-name" $claim "team" $p.team "managed-by" "crossplane" -}}',
      keyspace('{{ toJson $tags }}'),
    ].join('\n');
    expect(await tagFindings(composition(template))).toEqual([]);
  });

  it('still finds a wrong constant and a missing tag inside the dict', async () => {
    const template = [
      '{{- $p := .observed.composite.resource.spec.parameters -}}',
      '{{- $tags := dict "team" $p.team "managed-by" "helm" -}}',
      keyspace('{{ toJson $tags }}'),
    ].join('\n');
    const findings = await tagFindings(composition(template));
    expect(findings).toContainEqual(
      expect.stringMatching(/^IK-TAG-001 medium mandatory tag "claim-name" is missing/),
    );
    expect(findings).toContainEqual(expect.stringMatching(/^IK-TAG-002 medium tag "managed-by" is "helm"/));
  });

  it('follows merge and set on known dicts', async () => {
    const template = [
      '{{- $p := .observed.composite.resource.spec.parameters -}}',
      '{{- $base := dict "managed-by" "crossplane" -}}',
      '{{- $tags := merge (dict) $base -}}',
      '{{- $tags2 := merge $base (dict "team" $p.team) -}}',
      '{{- $_ := set $tags2 "claim-name" (index .observed.composite.resource.metadata.labels "crossplane.io/claim-name") -}}',
      keyspace('{{ $tags2 | toJson }}'),
    ].join('\n');
    expect(await tagFindings(composition(template))).toEqual([]);
  });

  it('follows a variable read from the labels ($claim := index $labels ...) in a literal tag map', async () => {
    const template = [
      '{{- $labels := .observed.composite.resource.metadata.labels }}',
      '{{- $claim := index $labels "crossplane.io/claim-name" | default "" }}',
      keyspace(
        '\n      claim-name: {{ $claim | quote }}\n      team: {{ .observed.composite.resource.spec.parameters.team }}\n      managed-by: crossplane',
      ),
    ].join('\n');
    expect(await tagFindings(composition(template))).toEqual([]);
  });

  it("honours function-go-templating's custom delims", async () => {
    const template = [
      '[[- $p := .observed.composite.resource.spec.parameters ]]',
      '[[- $tags := dict "claim-name" (index .observed.composite.resource.metadata.labels "crossplane.io/claim-name") "team" $p.team "managed-by" "crossplane" ]]',
      keyspace('[[ toJson $tags ]]'),
    ].join('\n');
    const parsed = await parse(
      composition(template, '        delims:\n          left: "[["\n          right: "]]"\n'),
      'composition.yaml',
    );
    expect(parsed.errors).toEqual([]);
    expect(
      await tagFindings(
        composition(template, '        delims:\n          left: "[["\n          right: "]]"\n'),
      ),
    ).toEqual([]);
  });
});
