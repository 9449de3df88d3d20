import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { buildSarif } from '../../src/sarif/build-sarif.js';
import { sarifValidator } from './sarif-schema.js';

const findings: Finding[] = [
  {
    ruleId: 'IK-SEC-001',
    severity: 'critical',
    message: 'literal password',
    location: { file: 'infra/template.yaml', line: 12 },
    resourceType: 'AWS::RDS::DBInstance',
    resourceName: 'Orders',
    fieldPath: 'Properties.MasterUserPassword',
    fix: 'Use a dynamic reference.',
    controls: ['PCI-DSS 3.5'],
    source: 'policy',
    fingerprint: 'a'.repeat(32),
  },
  {
    ruleId: 'IK-TAG-001',
    severity: 'medium',
    message: 'tag missing',
    location: { file: 'infra/template.yaml', line: 3 },
    source: 'policy',
  },
  {
    ruleId: 'CKV_AWS_16',
    severity: 'medium',
    message: 'Ensure all data stored in the RDS is securely encrypted at rest',
    location: { file: 'infra/template.yaml', line: 10 },
    source: 'checkov',
  },
  {
    ruleId: 'IK-PARSE',
    severity: 'info',
    message: 'note',
    location: { file: 'x.yaml', line: 0 },
    source: 'verify',
  },
];

describe('SARIF 2.1.0', () => {
  const validate = sarifValidator();

  it('validates against the official schema', () => {
    const log = buildSarif({
      findings,
      rules: new Map([
        [
          'IK-SEC-001',
          { id: 'IK-SEC-001', title: 'Hard-coded secret', description: 'why', controls: ['PCI-DSS 3.5'] },
        ],
      ]),
      tools: {
        infrakit: { name: 'infrakit', version: '0.1.0' },
        checkov: { name: 'checkov', version: '3.3.30' },
      },
    });
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema really rejects a broken log', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] })).toBe(false);
    expect(validate({ version: '3.0', runs: [] })).toBe(false);
  });

  it('carries rules, locations, fingerprints and security-severity for GitHub code scanning', () => {
    const log = buildSarif({
      findings,
      rules: new Map(),
      tools: { infrakit: { name: 'infrakit' }, checkov: { name: 'checkov' } },
    }) as {
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string; properties: Record<string, unknown> }> } };
        results: Array<Record<string, unknown>>;
      }>;
    };
    expect(log.runs.map((run) => run.tool.driver.name)).toEqual(['infrakit', 'checkov']);
    const infrakit = log.runs[0];
    expect(
      infrakit.tool.driver.rules.find((rule) => rule.id === 'IK-SEC-001')?.properties['security-severity'],
    ).toBe('9.5');
    const result = infrakit.results[0] as {
      level: string;
      ruleIndex: number;
      locations: Array<{
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
      }>;
      partialFingerprints: Record<string, string>;
    };
    expect(result.level).toBe('error');
    expect(infrakit.tool.driver.rules[result.ruleIndex].id).toBe('IK-SEC-001');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('infra/template.yaml');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(12);
    expect(result.partialFingerprints['infrakitFingerprint/v1']).toBe('a'.repeat(32));
    const lineZero = infrakit.results.find((entry) => entry.ruleId === 'IK-PARSE') as {
      locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
    };
    expect(lineZero.locations[0].physicalLocation.region.startLine).toBe(1);
  });
});
