import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MandatoryTag } from '../../src/constraints/schema.js';
import { runPolicy } from '../../src/policy/engine.js';
import { parse, realworld, testConstraints } from './helpers.js';

/** IK-TAG-001/002 findings on a Terraform text, as `rule resource kind: message`. */
const tagFindings = async (text: string) => {
  const parsed = await parse(text, 'main.tf');
  expect(parsed.errors).toEqual([]);
  return runPolicy(parsed, await testConstraints(), { environment: 'prod' })
    .findings.filter((finding) => finding.ruleId.startsWith('IK-TAG'))
    .map(
      (finding) =>
        `${finding.ruleId} ${finding.resourceName} ${finding.kind ?? 'violation'}: ${finding.message.replace(/ \[prod\]$/, '')}`,
    );
};

const variables = `variable "team" {\n  type = string\n}\nvariable "environment" {\n  type = string\n}\n`;

describe('Terraform tags through merge(), locals, variable defaults and provider default_tags', () => {
  it('evaluates merge(local.required_tags, {...}): all keys known, nothing reported', async () => {
    const text = `${variables}locals {\n  required_tags = {\n    team        = var.team\n    environment = var.environment\n  }\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n  tags = merge(local.required_tags, {\n    # set by the pipeline\n    "managed-by" = "infrakit" # constant\n    Name         = "vpc-\${var.environment}"\n  })\n}\n`;
    expect(await tagFindings(text)).toEqual([]);
  });

  it('reports a key the evaluated merge does not produce as a violation, not cannot-see', async () => {
    const text = `${variables}locals {\n  base = { team = var.team }\n  common = merge(local.base, { environment = var.environment })\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n  tags = local.common\n}\n`;
    expect(await tagFindings(text)).toEqual([
      'IK-TAG-001 v violation: mandatory tag "managed-by" is missing (the tagging standard sources it from constant)',
    ]);
  });

  it('reads values for IK-TAG-002: a hard-coded team in a local is reported', async () => {
    const text = `${variables}locals {\n  tags = { team = "payments", environment = var.environment, "managed-by" = "infrakit" }\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n  tags = local.tags\n}\n`;
    expect(await tagFindings(text)).toEqual([
      'IK-TAG-002 v violation: tag "team" is hard-coded to "payments"; the standard says it comes from parameter team',
    ]);
  });

  it('counts the AWS provider default_tags on every resource (and an alias for resources that use it)', async () => {
    const text = `${variables}locals {\n  required_tags = { team = var.team, environment = var.environment, "managed-by" = "infrakit" }\n}\nprovider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = local.required_tags\n  }\n}\nprovider "aws" {\n  alias = "west"\n  region = "us-west-2"\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_vpc" "w" {\n  provider = aws.west\n  cidr_block = "10.1.0.0/16"\n  tags = { team = var.team }\n}\n`;
    expect(await tagFindings(text)).toEqual([
      'IK-TAG-001 w violation: mandatory tag "environment" is missing (the tagging standard sources it from parameter environment)',
      'IK-TAG-001 w violation: mandatory tag "managed-by" is missing (the tagging standard sources it from constant)',
    ]);
  });

  it('a module under another folder than the provider: its default_tags may apply, so cannot-see', async () => {
    const constraints = await testConstraints();
    const root = await parse(
      `provider "aws" {\n  default_tags {\n    tags = { team = "x", environment = "prod", "managed-by" = "infrakit" }\n  }\n}\n`,
      'main.tf',
    );
    const module = await parse(
      `resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n`,
      'modules/net/main.tf',
    );
    const findings = runPolicy({ ...module, settings: root.settings }, constraints, {
      environment: 'prod',
    }).findings;
    expect(
      findings
        .filter((finding) => finding.ruleId === 'IK-TAG-001')
        .map((finding) => [finding.kind, finding.message]),
    ).toEqual([
      [
        'cannot-see',
        expect.stringContaining(
          'the default_tags of provider "aws" in main.tf, if that root module calls this one',
        ),
      ],
    ]);
  });

  it('uses a map variable default, and says cannot-see where a part is truly unknown', async () => {
    const withDefault = `variable "tags" {\n  type = map(string)\n  default = { team = "x", environment = "dev", "managed-by" = "infrakit" }\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n  tags = var.tags\n}\n`;
    // The keys of the default are known; their values come from the variable the caller sets.
    expect(await tagFindings(withDefault)).toEqual([]);
    expect(await tagFindings(withDefault.replace('"managed-by" = "infrakit" ', ''))).toEqual([
      'IK-TAG-001 v violation: mandatory tag "managed-by" is missing (the tagging standard sources it from constant)',
    ]);
    const unknown = `${variables}variable "extra" {\n  type = map(string)\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n  tags = merge({ team = var.team }, var.extra, module.labels.tags)\n}\n`;
    expect(await tagFindings(unknown)).toEqual([
      'IK-TAG-001 v cannot-see: cannot see whether the tags environment, managed-by are set: it comes from var.extra, module.labels.tags, which the policy cannot evaluate',
    ]);
  });

  it('knows the keys a variable validation requires (contains(keys(var.tags), ...))', async () => {
    const text = `variable "tags" {\n  type = map(string)\n  validation {\n    condition = alltrue([for key in ["team", "environment"] : contains(keys(var.tags), key)])\n    error_message = "tags needs team and environment."\n  }\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n  tags = merge(var.tags, { "managed-by" = "infrakit" })\n}\n`;
    expect(await tagFindings(text)).toEqual([]);
    const one = text.replace('["team", "environment"]', '["team"]');
    expect(await tagFindings(one)).toEqual([
      'IK-TAG-001 v cannot-see: cannot see whether the tags environment are set: it comes from var.tags, which the policy cannot evaluate',
    ]);
  });
});

const { path: upstream, present: haveUpstream } = realworld(
  'infrakit-upstream-examples/terraform/modules/s3-secure-bucket',
);

describe.skipIf(!haveUpstream)(
  "the original InfraKit's Terraform module: tags = merge(local.required_tags, var.tags)",
  () => {
    /** Its tagging standard (free-form markdown there), as mandatory tags. */
    const standard: MandatoryTag[] = [
      { key: 'managed-by', source: 'constant', value: 'terraform' },
      ...['environment', 'cost_center', 'team', 'project', 'data_classification'].map(
        (from): MandatoryTag => ({ key: from.replace('_', '-'), source: 'variable', from }),
      ),
    ];
    const judge = async (edit: (text: string) => string) => {
      const constraints = await testConstraints();
      const files = await Promise.all(
        readdirSync(upstream)
          .filter((name) => name.endsWith('.tf'))
          .map(async (name) => {
            const text = readFileSync(join(upstream, name), 'utf8');
            return parse(name === 'main.tf' ? edit(text) : text, `modules/s3-secure-bucket/${name}`);
          }),
      );
      const parsed = {
        ...files[0],
        resources: files.flatMap((file) => file.resources),
        inputs: files.flatMap((file) => file.inputs),
        settings: {
          terraform: { ...files.find((file) => file.settings?.terraform?.locals)!.settings!.terraform! },
        },
      };
      return runPolicy(
        parsed,
        { ...constraints, tagging: { ...constraints.tagging, tags: standard } },
        {
          environment: 'prod',
        },
      ).findings.filter((finding) => finding.ruleId === 'IK-TAG-001');
    };
    it('sees every required tag through the local (before: cannot see)', async () => {
      expect((await judge((text) => text)).map((finding) => finding.message)).toEqual([]);
    });
    it('reports the tag a local no longer sets as missing on every bucket resource', async () => {
      const findings = await judge((text) => text.replace(/^\s*"team"\s*=\s*var\.team\s*$/m, ''));
      expect(findings.length).toBeGreaterThan(0);
      expect(new Set(findings.map((finding) => finding.kind ?? 'violation'))).toEqual(new Set(['violation']));
      expect(findings[0].message).toContain('mandatory tag "team" is missing');
    });
  },
);
