import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBoundedYaml } from '../../src/iac/yaml/alias-limits.js';
import { readCrossplaneFiles } from '../../src/validators/crossplane-files.js';
import { ALIAS_BOMB } from '../support/alias-bomb.js';

const XRD = `apiVersion: apiextensions.crossplane.io/v2
kind: CompositeResourceDefinition
metadata:
  name: xkeyspaces.platform.example.com
`;

describe("the validators' own YAML reads are bounded", () => {
  let root: string | undefined;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  it('readCrossplaneFiles refuses an alias bomb at once, naming the file and the limit, and keeps the rest', async () => {
    root = mkdtempSync(join(tmpdir(), 'infrakit-xfiles-'));
    writeFileSync(join(root, 'bomb.yaml'), `${XRD}---\n${ALIAS_BOMB}\n`);
    // No time bound (speed belongs in bench/): unbounded expansion fails on the missing limit below,
    // and on the suite's test timeout.
    const files = await readCrossplaneFiles(root, ['bomb.yaml']);
    expect(files.xrds.map((xrd) => xrd.name)).toEqual(['xkeyspaces.platform.example.com']);
    expect(files.problems).toHaveLength(1);
    expect(files.problems[0]).toMatch(/^bomb\.yaml: .*yamlAliasExpansionNodes limit/);
  });

  it('parseBoundedYaml keeps small aliases, reports syntax errors, refuses bombs', () => {
    expect(parseBoundedYaml('a: &x [1, 2]\nb: *x\n').values).toEqual([{ a: [1, 2], b: [1, 2] }]);
    expect(parseBoundedYaml('a: [1\n').problems).toHaveLength(1);
    const bomb = parseBoundedYaml(ALIAS_BOMB);
    expect(bomb.values).toEqual([]);
    expect(bomb.problems[0]).toMatch(/yamlAliasExpansionNodes limit/);
  });
});
