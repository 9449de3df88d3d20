// Builds a Pipeline-mode Composition whose inline go-template composes `count` namespaced managed
// resources, cycling through real kinds of provider-upjet-aws v2.6.0 with fields from their CRDs.
const KINDS = [
  ['s3.aws.m.upbound.io/v1beta1', 'Bucket', ['forceDestroy: false'], true],
  [
    's3.aws.m.upbound.io/v1beta1',
    'BucketVersioning',
    ['bucketSelector:', '  matchControllerRef: true', 'versioningConfiguration:', '  status: Enabled'],
  ],
  [
    's3.aws.m.upbound.io/v1beta1',
    'BucketPublicAccessBlock',
    ['bucketSelector:', '  matchControllerRef: true', 'blockPublicAcls: true', 'blockPublicPolicy: true'],
  ],
  ['kms.aws.m.upbound.io/v1beta1', 'Key', ['enableKeyRotation: true', 'deletionWindowInDays: 7'], true],
  ['keyspaces.aws.m.upbound.io/v1beta1', 'Keyspace', [], true],
  [
    'keyspaces.aws.m.upbound.io/v1beta1',
    'Table',
    [
      'keyspaceNameSelector:',
      '  matchControllerRef: true',
      'tableName: events',
      'pointInTimeRecovery:',
      '  status: ENABLED',
      'schemaDefinition:',
      '  column:',
      '    - name: id',
      '      type: text',
      '  partitionKey:',
      '    - name: id',
    ],
  ],
  ['iam.aws.m.upbound.io/v1beta1', 'Role', ['assumeRolePolicy: "{}"'], true, 'global'],
  [
    'ec2.aws.m.upbound.io/v1beta1',
    'SecurityGroup',
    ['description: app', 'vpcIdSelector:', '  matchControllerRef: true'],
  ],
];

/** The YAML text of the composition. */
export function compositionWithManagedResources(count) {
  const documents = [];
  for (let index = 0; index < count; index += 1) {
    const [apiVersion, kind, fields, tagged, global] = KINDS[index % KINDS.length];
    documents.push(
      [
        '---',
        `apiVersion: ${apiVersion}`,
        `kind: ${kind}`,
        'metadata:',
        `  name: {{ $name }}-${index}`,
        '  annotations:',
        `    gotemplating.fn.crossplane.io/composition-resource-name: r${index}`,
        'spec:',
        '  forProvider:',
        ...(global ? [] : ['    region: {{ $spec.region }}']),
        ...fields.map((line) => `    ${line}`),
        ...(tagged && index % 3 === 0
          ? ['    {{- if $spec.tags }}', '    tags:', '      team: {{ $spec.team }}', '    {{- end }}']
          : []),
        '  providerConfigRef:',
        '    kind: ClusterProviderConfig',
        '    name: default',
      ].join('\n'),
    );
  }
  const template = [
    '{{- $spec := .observed.composite.resource.spec }}',
    '{{- $name := .observed.composite.resource.metadata.name }}',
    ...documents,
  ].join('\n');
  return [
    'apiVersion: apiextensions.crossplane.io/v1',
    'kind: Composition',
    'metadata:',
    '  name: bench-fifty',
    'spec:',
    '  compositeTypeRef:',
    '    apiVersion: platform.example.org/v1alpha1',
    '    kind: XBench',
    '  mode: Pipeline',
    '  pipeline:',
    '    - step: render',
    '      functionRef:',
    '        name: function-go-templating',
    '      input:',
    '        apiVersion: gotemplating.fn.crossplane.io/v1beta1',
    '        kind: GoTemplate',
    '        source: Inline',
    '        inline:',
    '          template: |',
    ...template.split('\n').map((line) => `            ${line}`),
    '',
  ].join('\n');
}
