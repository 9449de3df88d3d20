import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RelayContext } from '../../machines/relay-types.js';
import { makeStyle } from '../../src/cli/io.js';
import { viewOutcome } from '../../src/cli/relay-view.js';

const style = makeStyle(false);
const track = 'bucket-20261201-120000';
const folders: string[] = [];

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'infrakit-relay-view-'));
  folders.push(root);
  const trackDir = join(root, '.infrakit', 'tracks', track);
  mkdirSync(trackDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(trackDir, name), text);
  return root;
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function context(overrides: Partial<RelayContext>): RelayContext {
  return {
    track,
    mode: 'full',
    reviewerIds: [],
    maxQuestions: 5,
    maxRevisions: 2,
    maxRepairRounds: 2,
    firstStepNumber: 1,
    questionsAsked: 0,
    revisions: 0,
    reviews: {},
    repairRounds: 0,
    gates: [],
    steps: [],
    ...overrides,
  };
}

describe('what a relay command shows of the track', () => {
  it('a gate-blocked track prints each finding (file:line, rule, message, fix), the files written and the report path', async () => {
    const findings = [
      {
        ruleId: 'IK-FIELD-UNKNOWN',
        severity: 'high',
        message: 'spec.forProvider.keyspaceNam is not a field of Keyspace',
        location: { file: 'compositions/bucket/composition.yaml', line: 12 },
        fix: 'rename it to keyspaceName',
        source: 'verify',
      },
    ];
    const root = project({ 'gate-report.md': '# Gate report\n', 'findings.json': JSON.stringify(findings) });
    const view = await viewOutcome(
      root,
      {
        track,
        state: 'blocked',
        reason: 'the gate still fails after 2 repair round(s):\nverify failed: 1 error',
        context: context({
          gates: [{ gate: 'verify', status: 'failed', summary: '1 error' }],
          steps: [
            {
              number: 5,
              name: 'code',
              persona: 'iac-engineer',
              files: ['compositions/bucket/composition.yaml'],
            },
          ],
        }),
      },
      style,
    );
    expect(view.exitCode).toBe(5);
    expect(view.human).toContain(
      '  compositions/bucket/composition.yaml:12 IK-FIELD-UNKNOWN [high] spec.forProvider.keyspaceNam is not a field of Keyspace\n    fix: rename it to keyspaceName',
    );
    expect(view.human).toContain(`Full gate report: .infrakit/tracks/${track}/gate-report.md`);
    expect(view.human).toContain('Files written (1):\n  compositions/bucket/composition.yaml');
    expect(view.json['gateReport']).toBe(`.infrakit/tracks/${track}/gate-report.md`);
  });

  it('a reviewed spec shows its path, title, first line and requirement count', async () => {
    const root = project({
      'spec.md':
        '# Spec: bucket\n\nOne private S3 bucket with KMS.\n\n## Requirements\n- R1: private\n- R2: KMS\n',
    });
    const view = await viewOutcome(root, { track, state: 'spec-reviewed', context: context({}) }, style);
    expect(view.human).toContain(
      `Spec: .infrakit/tracks/${track}/spec.md\n  Spec: bucket\n  One private S3 bucket with KMS.\n  2 requirement(s)`,
    );
  });

  it('a planned track lists its tasks', async () => {
    const root = project({
      'tasks.md': '# Tasks\n\n- [ ] T1: The bucket (requirements: R1, R2; files: bucket.yaml)\n',
    });
    const view = await viewOutcome(root, { track, state: 'planned', context: context({}) }, style);
    expect(view.human).toContain(
      `Tasks (.infrakit/tracks/${track}/tasks.md):\n  T1: The bucket (requirements: R1, R2; files: bucket.yaml)`,
    );
  });
});
