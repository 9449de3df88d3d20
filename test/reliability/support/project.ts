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
Team platform.
`;

const CODING_STYLE = `---
iac: crossplane
layout:
  outputDir: compositions
validator: crossplane-render
maxRepairRounds: 1
---

# Coding style
Small files.
`;

const TAGGING = `---
tags:
  - key: team
    source: parameter
    from: spec.parameters.team
---

# Tagging
Tag everything.
`;

/** Fast retries and a short HTTP timeout, so injected faults cost milliseconds, not minutes. */
const CONFIG = `maxRetries: 2
timeoutMs: 800
contentAttempts: 3
retryBaseDelayMs: 1
`;

/** The answers file handed to `--answers` (one clarifying question is scripted). */
export const ANSWERS = 'replication: "3"\n';

/** A scratch folder with `project/` (a git repository holding `.infrakit/`), `home/` and `outside/`. */
export interface Sandbox {
  base: string;
  root: string;
  home: string;
  outside: string;
  answers: string;
}

/** Creates a sandbox under the OS temp folder; the project has one empty commit on `main`. */
export function createSandbox(prefix = 'infrakit-rel-'): Sandbox {
  const base = mkdtempSync(join(tmpdir(), prefix));
  const root = join(base, 'project');
  const home = join(base, 'home');
  const outside = join(base, 'outside');
  for (const directory of [join(root, '.infrakit'), home, outside]) mkdirSync(directory, { recursive: true });
  writeFileSync(join(root, '.infrakit', 'context.md'), CONTEXT);
  writeFileSync(join(root, '.infrakit', 'coding-style.md'), CODING_STYLE);
  writeFileSync(join(root, '.infrakit', 'tagging-standard.md'), TAGGING);
  writeFileSync(join(root, '.infrakit', 'config.yaml'), CONFIG);
  writeFileSync(join(outside, 'sentinel.txt'), 'outside the project\n');
  const answers = join(base, 'answers.yaml');
  writeFileSync(answers, ANSWERS);
  git(root, ['init', '--initial-branch=main', '-q']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'init']);
  return { base, root, home, outside, answers };
}

/** Runs git in `cwd` with a fixed identity and returns stdout. */
export function git(cwd: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}
