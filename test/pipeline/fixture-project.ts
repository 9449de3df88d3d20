import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CONTEXT = `---
provider: aws
region: us-east-1
naming:
  pattern: '{env}-{team}-{resource}'
environments:
  - name: dev
  - name: prod
    encryptionAtRest: customer-managed
compliance: [soc2]
crossplane:
  version: v2
  apiGroup: platform.example.com
---

# Context
Team platform. CONTEXT-MARKER.
`;

const CODING_STYLE = `---
iac: crossplane
layout:
  outputDir: compositions
validator: crossplane-render
maxRepairRounds: 1
---

# Coding style
CODING-STYLE-MARKER.
`;

const TAGGING = `---
tags:
  - key: team
    source: parameter
    from: spec.parameters.team
---

# Tagging
TAGGING-MARKER.
`;

/** A temporary git repository holding a valid `.infrakit/` constraint set. */
export function createFixtureProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'infrakit-pipeline-'));
  mkdirSync(join(root, '.infrakit'), { recursive: true });
  writeFileSync(join(root, '.infrakit', 'context.md'), CONTEXT);
  writeFileSync(join(root, '.infrakit', 'coding-style.md'), CODING_STYLE);
  writeFileSync(join(root, '.infrakit', 'tagging-standard.md'), TAGGING);
  execFileSync('git', ['init', '--initial-branch=main', '-q'], { cwd: root });
  execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--allow-empty', '-q', '-m', 'init'],
    { cwd: root },
  );
  return root;
}

/** Commit subjects of the fixture repository, oldest first. */
export function gitSubjects(root: string): string[] {
  return execFileSync('git', ['log', '--reverse', '--format=%s'], { cwd: root, encoding: 'utf8' })
    .trim()
    .split('\n');
}
