import { describe, expect, it } from 'vitest';
import { readGoTemplate, restoreExpressions } from '../../src/iac/crossplane/go-template.js';
import { scanHclLines } from '../../src/iac/terraform/line-scan.js';
import { collectVariables, parameterCondition } from '../../src/iac/crossplane/template-values.js';

describe('readGoTemplate', () => {
  it('makes one variant per branch and keeps line numbers', () => {
    const read = readGoTemplate(
      [
        'a: 1',
        '{{- if .x }}',
        'b: 2',
        '{{- else if .y }}',
        'c: 3',
        '{{- else }}',
        'd: 4',
        '{{- end }}',
        'e: 5',
      ].join('\n'),
    );
    expect(
      read.variants.map((variant) =>
        variant.text
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      ),
    ).toEqual([
      ['a: 1', 'b: 2', 'e: 5'],
      ['a: 1', 'c: 3', 'e: 5'],
      ['a: 1', 'd: 4', 'e: 5'],
    ]);
    for (const variant of read.variants) expect(variant.text.split('\n')).toHaveLength(9);
  });

  it('adds an empty variant for an if without else', () => {
    const read = readGoTemplate('{{ if .x }}\nb: 2\n{{ end }}\n');
    expect(read.variants.map((variant) => variant.text.includes('b: 2'))).toEqual([true, false]);
  });

  it('turns output actions into placeholders and restores them', () => {
    const read = readGoTemplate('name: {{ .name }}-{{ .suffix | lower }}\n');
    const text = read.variants[0].text;
    expect(text).toMatch(/^name: __ikvalue0__-__ikvalue1__/);
    expect(restoreExpressions(text.trim().slice(6), read.expressions)).toBe(
      '{{ .name }}-{{ .suffix | lower }}',
    );
  });

  it('blanks lines that only inject YAML, and reports them', () => {
    const read = readGoTemplate('spec:\n  {{ toYaml .extra | nindent 2 }}\n  a: 1\n');
    expect(read.variants[0].text).toBe('spec:\n  \n  a: 1\n');
    expect(read.injectedLines).toEqual([2]);
  });

  it('drops define blocks, comments and assignments', () => {
    const read = readGoTemplate(
      '{{/* note */}}\n{{ $x := 1 }}\n{{ define "t" }}\nhidden: 1\n{{ end }}\nshown: 2\n',
    );
    expect(read.variants[0].text).not.toContain('hidden');
    expect(read.variants[0].text).toContain('shown: 2');
  });

  it('reports an unclosed block with its line', () => {
    expect(readGoTemplate('a: 1\n{{ if .x }}\nb: 2\n').problems).toEqual([
      { line: 2, message: '{{ if }} is never closed with {{ end }}' },
    ]);
  });

  it('counts lines right far into a long template, across actions that span lines', () => {
    const fields = Array.from({ length: 300 }, (_, index) => `k${index}: {{ $x }}-{{ $y }}`);
    const text = [...fields, '{{ end }}', '{{ $z :=', '  1 }}', 'after: {{ $z }}', '{{ if', ' .x }}', 'b: 2'];
    expect(readGoTemplate(text.join('\n')).problems).toEqual([
      { line: 301, message: '{{ end }} without an open if/range/with/define' },
      { line: 305, message: '{{ if }} is never closed with {{ end }}' },
    ]);
  });
});

describe('scanHclLines', () => {
  it('finds blocks, attributes and nested blocks with their index', () => {
    const blocks = scanHclLines(
      [
        'resource "aws_s3_bucket" "b" {',
        '  bucket = "x"',
        '  tags = {',
        '    a = "b"',
        '  }',
        '  rule {',
        '    id = "one"',
        '  }',
        '  rule {',
        '    id = "two"',
        '  }',
        '}',
        'variable "v" {}',
      ].join('\n'),
    );
    expect(blocks.map((block) => [block.labels.join(' '), block.line])).toEqual([
      ['resource aws_s3_bucket b', 1],
      ['variable v', 13],
    ]);
    expect(blocks[0].fieldLines).toMatchObject({
      bucket: 2,
      tags: 3,
      'rule[0]': 6,
      'rule[0].id': 7,
      'rule[1]': 9,
      'rule[1].id': 10,
    });
  });
});

describe('the if conditions each variant assumes', () => {
  it('records the branch taken as holding and the branches passed over as not', () => {
    const read = readGoTemplate('{{ if .x }}\na: 1\n{{ else if .y }}\nb: 2\n{{ else }}\nc: 3\n{{ end }}\n');
    expect(read.variants.map((variant) => variant.conditions)).toEqual([
      [{ expression: '.x', holds: true }],
      [
        { expression: '.x', holds: false },
        { expression: '.y', holds: true },
      ],
      [
        { expression: '.x', holds: false },
        { expression: '.y', holds: false },
      ],
    ]);
  });

  it('records nested ifs only inside the branch taken', () => {
    const read = readGoTemplate('{{ if .x }}\n{{ if .z }}\na: 1\n{{ end }}\n{{ end }}\n');
    expect(read.variants[0].conditions).toEqual([
      { expression: '.x', holds: true },
      { expression: '.z', holds: true },
    ]);
    expect(read.variants[1].conditions).toEqual([{ expression: '.x', holds: false }]);
  });
});

describe('parameterCondition', () => {
  const { variables } = collectVariables([
    '$xr := .observed.composite.resource',
    '$p := $xr.spec.parameters',
    '$env := $p.environment',
    '$prod := eq $p.environment "prod"',
    '$prod = $p.forceProd',
  ]);
  it.each([
    ['eq $env "prod"', true, { equals: 'prod', holds: true }],
    ['eq "prod" $p.environment', false, { equals: 'prod', holds: false }],
    ['ne $env "dev"', true, { equals: 'dev', holds: false }],
    ['not (eq $env "prod")', true, { equals: 'prod', holds: false }],
    ['$prod', true, { equals: 'prod', holds: true }],
  ])('%s (holds: %s)', (condition, holds, expected) => {
    expect(parameterCondition(condition, holds, variables)).toEqual({
      parameter: 'spec.parameters.environment',
      ...expected,
    });
  });

  it.each(['$p.retain', 'eq $env $other', 'and (eq $env "prod") .x', 'eq .x "prod"'])(
    '%s says nothing about a parameter',
    (condition) => expect(parameterCondition(condition, true, variables)).toBeUndefined(),
  );
});
