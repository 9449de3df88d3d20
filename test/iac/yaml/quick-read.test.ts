import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { unknownFromObject, unknownFromTag } from '../../../src/iac/cloudformation/intrinsics.js';
import { cloudFormationDocument } from '../../../src/iac/cloudformation/parse-template.js';
import { quickReadYaml, quickTags } from '../../../src/iac/yaml/quick-read.js';
import { SHORT_FORM_INTRINSICS } from '../../../src/iac/cloudformation/intrinsics.js';
import { convertNode, type UnknownRules } from '../../../src/iac/yaml/node-to-value.js';

const rules: UnknownRules = { tag: unknownFromTag, value: unknownFromObject };
const tags = quickTags(SHORT_FORM_INTRINSICS);
const quickReadTemplate = (text: string, with_: UnknownRules) => quickReadYaml(text, tags, with_);
const repositoryRoot = resolve(import.meta.dirname, '..', '..', '..');
const sharedRealworld = resolve(repositoryRoot, '..', 'shared', 'realworld');

/** What the `yaml` parser makes of a text: errors, or the value, lines and plain value. */
function fullRead(text: string) {
  const { document, lineCounter } = cloudFormationDocument(text);
  if (document.errors.length) return { errors: document.errors.map((error) => error.message) };
  const converted = convertNode(document.contents, lineCounter, rules, '', 0, document);
  return { errors: [], converted, raw: document.toJS() };
}

/**
 * The property: the quick read either declines, or gives exactly what the `yaml` read gives, and
 * never reads a text the `yaml` parser refuses.
 */
function expectSameAsFullRead(text: string): boolean {
  const quick = quickReadTemplate(text, rules);
  if (!quick) return false;
  const full = fullRead(text);
  expect(full.errors, `yaml refuses a text the quick read accepted:\n${text}`).toEqual([]);
  expect(quick.converted.value, text).toEqual(full.converted?.value);
  expect(quick.converted.fieldLines, text).toEqual(full.converted?.fieldLines);
  expect(isDeepStrictEqual(quick.raw, full.raw), text).toBe(true);
  return true;
}

const templateFiles = (root: string): string[] =>
  existsSync(root)
    ? readdirSync(root, { recursive: true, encoding: 'utf8' })
        .map((file) => join(root, file))
        .filter((file) => /\.(ya?ml|template)$/.test(file) && statSync(file).isFile())
        .filter((file) => /^(AWSTemplateFormatVersion|Resources)\s*:/m.test(readFileSync(file, 'utf8')))
    : [];

// Scalars chosen where YAML readers disagree: numbers, booleans, nulls and strings that look like them.
const SCALARS = [
  'x',
  'multi word value',
  '',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'yes',
  'no',
  'on',
  'off',
  'null',
  'Null',
  'NULL',
  '~',
  '0',
  '-0',
  '+12',
  '012',
  '0o17',
  '0o19',
  '0x1F',
  '0X1F',
  '0b101',
  '1_000',
  '1e3',
  '1E-3',
  '+1e+3',
  '.5',
  '5.',
  '1.50',
  '-1.5',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  'nan',
  '2010-09-09',
  '2010-09-09T10:00:00Z',
  's3:*',
  'arn:aws:s3:::bucket/*',
  'a #b',
  'a# b',
  'http://example.com',
  "it's",
  'say "hi"',
  '@x',
  '`x',
  '%x',
  '!x',
  '&x',
  '*x',
  '- x',
  '? x',
  ': x',
  'a: b',
  '[x]',
  '{x}',
  'a, b',
  'é ü',
  '${AWS::StackName}-logs',
  '<<',
  '\\n',
  'tab\there',
];
const KEYS = [
  'Name',
  'Key With Space',
  'a.b',
  '1',
  '01',
  'true',
  'null',
  '~',
  '1.50',
  '0x1F',
  '<<',
  'Fn::Sub',
  'Ref',
  'x-y',
];

/** A scalar as YAML source, in one of several styles (some of them invalid YAML, on purpose). */
const scalarSource = fc
  .tuple(
    fc.constantFrom(...SCALARS),
    fc.constantFrom('plain', 'single', 'double', 'block', 'folded', 'continued', 'commented'),
  )
  .map(([value, style]) => {
    if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
    if (style === 'double') return JSON.stringify(value);
    if (style === 'block') return `|-\n${'\u0000'}${value}`;
    if (style === 'folded') return `>\n${'\u0000'}${value}`;
    if (style === 'continued') return `${value}\n${'\u0000'}more words`;
    if (style === 'commented') return `${value}   # trailing comment`;
    return value;
  });
const intrinsicSource = fc.constantFrom(
  '!Ref Bucket',
  "!Sub '${AWS::StackName}-logs'",
  '!GetAtt Bucket.Arn',
  "!Join ['', [a, !Ref B]]",
  '!If [IsProd, a, b]',
  "!Select [0, !GetAZs '']",
  '!GetAZs',
  '!Ref',
  '{ Ref: Bucket }',
  '{ "Fn::GetAtt": [Bucket, Arn] }',
  '[a, b, { c: d }]',
  '[]',
  '{}',
  '{ a: [1, 2], b: "x, y" }',
  '[s3:*, "kms:*"]',
  '&anchor x',
  '*alias',
  '[a,\n  b]',
  '"a\n  b"',
  '{{region}}',
  '{ [a]: b }',
  '[[a]: b]',
  '{ null: x, ~: y }',
  '[a, ? b]',
  'x: y',
  'a  # comment',
);

type Tree =
  | { kind: 'scalar'; source: string }
  | { kind: 'map'; entries: Array<[string, Tree]> }
  | { kind: 'seq'; items: Tree[] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(scalarSource, intrinsicSource).map((source) => ({ kind: 'scalar' as const, source })),
    fc
      .array(fc.tuple(fc.constantFrom(...KEYS, 'Type', 'Properties'), tie('node')), { maxLength: 4 })
      .map((entries) => ({ kind: 'map' as const, entries })),
    fc.array(tie('node'), { maxLength: 3 }).map((items) => ({ kind: 'seq' as const, items })),
  ),
})).node;
const decoration = fc.record({
  keyStyle: fc.constantFrom('plain', 'single', 'double'),
  sameIndentSequences: fc.boolean(),
  comments: fc.boolean(),
  taggedNested: fc.boolean(),
});

/** Renders a tree as block YAML; block scalar bodies are marked with NUL and indented here. */
function render(node: Tree, indent: number, options: fc.RecordValue<typeof decoration>): string[] {
  const pad = ' '.repeat(indent);
  const key = (name: string) =>
    options.keyStyle === 'single' ? `'${name}'` : options.keyStyle === 'double' ? JSON.stringify(name) : name;
  const inline = (source: string, at: number) => source.replace('\u0000', ' '.repeat(at + 2));
  if (node.kind === 'map') {
    if (node.entries.length === 0) return [`${pad}Empty: {}`];
    return node.entries.flatMap(([name, child]) => {
      const comment = options.comments ? ' # note' : '';
      if (child.kind === 'scalar') return [`${pad}${key(name)}: ${inline(child.source, indent)}`];
      const head =
        child.kind === 'seq' && options.taggedNested
          ? `${pad}${key(name)}: !If${comment}`
          : `${pad}${key(name)}:${comment}`;
      const childIndent = child.kind === 'seq' && options.sameIndentSequences ? indent : indent + 2;
      return [
        head,
        ...(options.comments ? [`${pad}  # a comment line`, ''] : []),
        ...render(child, childIndent, options),
      ];
    });
  }
  if (node.kind === 'seq') {
    if (node.items.length === 0) return [`${pad}- []`];
    return node.items.flatMap((item) => {
      if (item.kind === 'scalar') return [`${pad}- ${inline(item.source, indent)}`];
      const inner = render(item, indent + 2, options);
      return [`${pad}- ${inner[0].trimStart()}`, ...inner.slice(1)];
    });
  }
  return [`${pad}Value: ${inline(node.source, indent)}`];
}

describe('quickReadYaml, with the CloudFormation intrinsics', () => {
  it('reads the templates of this repository exactly as the yaml parser does, and reads most of them', () => {
    const files = [
      ...templateFiles(join(repositoryRoot, 'test', 'fixtures')),
      ...templateFiles(join(repositoryRoot, 'examples')),
      ...templateFiles(join(repositoryRoot, 'eval')),
    ];
    expect(files.length).toBeGreaterThan(10);
    const quick = files.filter((file) => expectSameAsFullRead(readFileSync(file, 'utf8')));
    expect(quick.length).toBeGreaterThan(files.length / 2);
  });

  it.skipIf(!existsSync(sharedRealworld))(
    'reads the real-world templates exactly as the yaml parser does',
    () => {
      const files = templateFiles(sharedRealworld);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expectSameAsFullRead(readFileSync(file, 'utf8'));
    },
  );
  if (!existsSync(sharedRealworld))
    console.warn(`skipped: ${sharedRealworld} is absent (the real-world templates)`);

  it('gives the values and lines the yaml read gives, or declines (generated templates)', () => {
    let quick = 0;
    let runs = 0;
    fc.assert(
      fc.property(tree, decoration, fc.boolean(), (node, options, marker) => {
        runs += 1;
        const body = render(
          node.kind === 'map' ? node : { kind: 'map', entries: [['Root', node]] },
          2,
          options,
        );
        const text = `${marker ? '---\n' : ''}AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n${render(
          { kind: 'map', entries: [['Body', node]] },
          6,
          options,
        ).join('\n')}\nOutputs:\n${body.join('\n')}\n`;
        if (expectSameAsFullRead(text)) quick += 1;
      }),
      { numRuns: 400, seed: 20261202 },
    );
    // the property is not met by declining everything
    expect(quick).toBeGreaterThan(runs / 5);
  });

  it('declines what only the yaml parser reads exactly', () => {
    const base = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n';
    for (const text of [
      `{ "Resources": { "B": { "Type": "AWS::S3::Bucket" } } }`, // JSON
      `${base}    Metadata: &shared { a: 1 }\n    Other: *shared\n`, // anchors and aliases
      `${base}    Properties:\n      Tags: [a,\n        b]\n`, // a flow collection over two lines
      `${base}    Description: "one\n      two"\n`, // a quoted string over two lines
      `${base}  B:\n    Type: AWS::SQS::Queue\n`, // a duplicate key
      `${base}---\nResources: {}\n`, // two documents
      `${base}    Properties:\r\n      A: 1\r\n`, // CR line ends
      `${base}    Properties:\n      ? [a, b]\n      : c\n`, // a complex key
      `${base}    Properties:\n      List:\n        -\n          A: 1\n`, // an item on the next line
      `${base}    Properties: !Foo x\n`, // an unknown tag
    ])
      expect(quickReadTemplate(text, rules), text).toBeUndefined();
  });
});
