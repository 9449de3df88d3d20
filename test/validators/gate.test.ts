import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConstraints } from '../../src/constraints/load.js';
import type { IacTool } from '../../src/constraints/schema.js';
import { chooseValidator, createValidatorGate } from '../../src/validators/gate.js';
import { loadPinnedTools } from '../../src/validators/pinned-tools.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const cases: Array<{ tool: IacTool; project: string; files: string[]; missing: RegExp }> = [
  {
    tool: 'crossplane',
    project: 'crossplane/cassandra-keyspace',
    files: [
      'compositions/cassandra-keyspace/definition.yaml',
      'compositions/cassandra-keyspace/composition.yaml',
    ],
    missing: /go install github\.com\/crossplane\/crossplane\/v2\/cmd\/crank@v2\.2\.4/,
  },
  {
    tool: 'terraform',
    project: 'terraform/s3-secure-bucket',
    files: ['modules/s3-secure-bucket/main.tf'],
    missing: /opentofu@v1\.10\.6/,
  },
  {
    tool: 'cloudformation',
    project: 'cloudformation/s3-secure-bucket',
    files: ['templates/s3-secure-bucket.yaml'],
    missing: /pip install cfn-lint==1\.51\.0/,
  },
];

describe('validatorGate with a PATH that lacks every validator', () => {
  for (const { tool, project, files, missing } of cases) {
    it(`reports ${tool} as unavailable with the install command, never passed`, async () => {
      const emptyBin = await mkdtemp(join(tmpdir(), 'infrakit-empty-bin-'));
      const projectRoot = join(examples, project);
      const gate = createValidatorGate({ environment: { path: emptyBin, variables: { PATH: emptyBin } } });
      const result = await gate({
        projectRoot,
        tool,
        files,
        constraints: await loadConstraints(projectRoot),
      });
      expect(result.gate).toBe('validator');
      expect(result.status).toBe('unavailable');
      expect(result.installHint).toMatch(missing);
      expect(result.ran).toEqual([]);
    });
  }
});

describe('chooseValidator', () => {
  it('uses coding-style.md when it fits the tool and the tool default otherwise', async () => {
    const constraints = await loadConstraints(join(examples, 'terraform/s3-secure-bucket'));
    expect(chooseValidator({ tool: 'terraform', constraints })).toBe('tofu-validate');
    const terraformStyle = {
      ...constraints,
      codingStyle: { ...constraints.codingStyle, validator: 'terraform-validate' as const },
    };
    expect(chooseValidator({ tool: 'terraform', constraints: terraformStyle })).toBe('terraform-validate');
    expect(chooseValidator({ tool: 'cloudformation', constraints: terraformStyle })).toBe('cfn-lint');
  });
});

describe('a runner that claims success without running anything', () => {
  it('is reported as unavailable, not passed', async () => {
    const projectRoot = join(examples, 'cloudformation/s3-secure-bucket');
    const gate = createValidatorGate({
      environment: { path: '', variables: {} },
      pinned: await loadPinnedTools(),
      runners: { 'cfn-lint': async () => ({ status: 'passed', summary: 'nothing', ran: [] }) },
    });
    const result = await gate({
      projectRoot,
      tool: 'cloudformation',
      files: [],
      constraints: await loadConstraints(projectRoot),
    });
    expect(result.status).toBe('unavailable');
  });
});
