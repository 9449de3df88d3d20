import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeForReview } from '../../src/review/model-opinions.js';
import { startMockModelServer, type MockModelServer, type MockRule } from '../support/mock-model-server.js';
import { cliBuilt, notBuiltReason, runCli } from '../cli/run-cli.js';

const root = join(import.meta.dirname, '..', '..');

const FILE = 'insecure/insecure.cfn.yaml';
const ARCHITECT_MARK = 'ARCH-MARKER single NAT gateway';
const SECURITY_MARK = 'SEC-MARKER no CloudTrail data events';

/** One canned review per persona, each with a marker the other persona's request must not contain. */
const SCRIPT: MockRule[] = [
  {
    match: { persona: 'architect' },
    times: 5,
    reply: {
      json: {
        verdict: 'APPROVE WITH CHANGES',
        summary: 'Works, but one zone.',
        findings: [
          {
            id: 'ARC-1',
            severity: 'medium',
            title: ARCHITECT_MARK,
            detail: 'egress fails with the zone',
            recommendation: 'one NAT per zone',
            controls: [],
          },
        ],
      },
    },
  },
  {
    match: { persona: 'security-engineer' },
    times: 5,
    reply: {
      json: {
        verdict: 'REJECT',
        summary: 'Audit trail missing.',
        findings: [
          {
            id: 'SEC-1',
            severity: 'high',
            title: SECURITY_MARK,
            detail: 'object reads are not logged',
            recommendation: 'enable data events',
            controls: ['SOC 2 CC7.2'],
          },
        ],
      },
    },
  },
];

describe('codeForReview', () => {
  it('sends files whole under the limit, truncates with a note above it, and skips what is left', async () => {
    const texts: Record<string, string> = {
      '/p/a.yaml': 'a'.repeat(60),
      '/p/b.yaml': 'b'.repeat(60),
      '/p/c.yaml': 'c',
    };
    const read = async (path: string) => texts[path];
    const whole = await codeForReview('/p', ['a.yaml'], 100, read);
    expect(whole.notes).toEqual([]);
    expect(whole.text).toContain('## a.yaml');
    expect(whole.text).toContain('a'.repeat(60));
    const cut = await codeForReview('/p', ['a.yaml', 'b.yaml', 'c.yaml'], 100, read);
    expect(cut.text).toContain('b'.repeat(40));
    expect(cut.text).not.toContain('b'.repeat(41));
    expect(cut.notes).toEqual([
      'b.yaml truncated to 40 of 60 bytes (code limit 100 bytes)',
      'c.yaml not sent: the code limit of 100 bytes was reached',
    ]);
    expect(cut.text).toContain('Note: b.yaml truncated');
  });
});

if (!cliBuilt) console.warn(`skipped: ${notBuiltReason}`);

describe.skipIf(!cliBuilt)(
  'infrakit review --with-model (the built CLI in-process, mock model server)',
  () => {
    let project: string;
    let mock: MockModelServer | undefined;
    beforeAll(async () => {
      project = await mkdtemp(join(tmpdir(), 'infrakit-review-model-'));
      const constraints = join(root, 'examples', 'cloudformation', 's3-secure-bucket', '.infrakit');
      await mkdir(join(project, '.infrakit'));
      for (const name of ['context.md', 'coding-style.md', 'tagging-standard.md'])
        await cp(join(constraints, name), join(project, '.infrakit', name));
      await cp(join(root, 'test', 'fixtures', 'policy', 'insecure'), join(project, 'insecure'), {
        recursive: true,
      });
    });
    afterEach(async () => {
      await mock?.close();
      mock = undefined;
    });
    afterAll(async () => {
      await rm(project, { recursive: true, force: true });
    });

    /** Runs the CLI with no user config; `model` adds the provider env pointing at the mock. */
    const run = (args: string[], model?: { url: string; key?: string }) =>
      runCli(['review', FILE, '--no-color', ...args], {
        cwd: project,
        // PATH given: this environment and nothing else
        env: {
          PATH: process.env.PATH,
          HOME: project,
          XDG_CONFIG_HOME: join(project, '.no-config'),
          NO_COLOR: '1',
          CI: 'true',
          ...(model
            ? {
                INFRAKIT_PROVIDER: 'anthropic',
                INFRAKIT_BASE_URL: model.url,
                ...(model.key === undefined ? {} : { ANTHROPIC_API_KEY: model.key }),
              }
            : {}),
        },
      });

    it('asks both personas in isolation with the findings, labels the section, and keeps the exit code', async () => {
      mock = await startMockModelServer({ script: SCRIPT });
      const plain = await run([]);
      expect(plain.exitCode, plain.stderr).toBe(4);
      const withModel = await run(['--with-model'], { url: mock.url, key: 'test' });
      expect(withModel.exitCode, withModel.stderr).toBe(plain.exitCode);

      const personas = mock.requests.map((request) => request.persona).sort();
      expect(personas).toEqual(['architect', 'security-engineer']);
      const body = (persona: string) =>
        JSON.stringify(mock?.requests.find((request) => request.persona === persona)?.body);
      const architect = body('architect');
      const security = body('security-engineer');
      expect(architect).toContain('# Cloud Architect');
      expect(architect).not.toContain('# Cloud Security Engineer');
      expect(architect).not.toContain(SECURITY_MARK);
      expect(security).toContain('# Cloud Security Engineer');
      expect(security).not.toContain('# Cloud Architect');
      expect(security).not.toContain(ARCHITECT_MARK);
      for (const request of mock.requests) {
        const system = (request.body as { system: Array<{ text: string; cache_control?: unknown }> }).system;
        expect(system.length).toBe(2);
        expect(system.every((block) => block.cache_control !== undefined)).toBe(true);
        expect(system[1].text.startsWith('# Project constraints')).toBe(true);
      }
      for (const request of [architect, security]) {
        expect(request).toContain('Deterministic checks already found');
        expect(request).toContain('IK-SEC-001');
        expect(request).toContain('IK-PUB-001');
        expect(request).toContain('## insecure/insecure.cfn.yaml');
        expect(request).toContain('# Project constraints');
      }

      const out = withModel.stdout;
      expect(out).toContain('Model opinions (not deterministic; advisory)');
      expect(out.indexOf('Model opinions')).toBeGreaterThan(out.indexOf('Score '));
      expect(out).toContain('Cloud Architect: APPROVE WITH CHANGES');
      expect(out).toContain(`[MEDIUM] ARC-1 ${ARCHITECT_MARK}`);
      expect(out).toContain('Cloud Security Engineer: REJECT');
      expect(out).toContain(`[HIGH] SEC-1 ${SECURITY_MARK}`);
      expect(plain.stdout).not.toContain('Model opinions');
      const score = (text: string) => /Score (\d+)\/100/.exec(text)?.[1];
      expect(score(out)).toBe(score(plain.stdout));
    });

    it('--json puts the opinions under modelOpinions and leaves findings and score alone', async () => {
      mock = await startMockModelServer({ script: SCRIPT });
      const plain = JSON.parse((await run(['--json'])).stdout) as Record<string, unknown>;
      const outcome = await run(['--json', '--with-model'], { url: mock.url, key: 'test' });
      expect(outcome.exitCode, outcome.stderr).toBe(4);
      const result = JSON.parse(outcome.stdout) as Record<string, unknown> & {
        modelOpinions: {
          advisory: boolean;
          opinions: Array<{ persona: string; review?: { verdict: string } }>;
        };
      };
      expect(result.score).toEqual(plain.score);
      expect(result.findings).toEqual(plain.findings);
      expect(plain.modelOpinions).toBeUndefined();
      expect(result.modelOpinions.advisory).toBe(true);
      expect(
        result.modelOpinions.opinions.map((opinion) => [opinion.persona, opinion.review?.verdict]),
      ).toEqual([
        ['architect', 'APPROVE WITH CHANGES'],
        ['security-engineer', 'REJECT'],
      ]);
    });

    it('a missing API key fails with exit 3 and the provider message before any model call', async () => {
      mock = await startMockModelServer({ script: SCRIPT });
      const outcome = await run(['--with-model'], { url: mock.url });
      expect(outcome.exitCode).toBe(3);
      expect(outcome.stderr).toContain('ANTHROPIC_API_KEY is not set');
      expect(outcome.stdout).not.toContain('Score ');
      expect(mock.requests).toHaveLength(0);
    });

    it('a provider failure leaves the deterministic exit code and marks the opinion unavailable', async () => {
      mock = await startMockModelServer({
        script: [
          SCRIPT[0],
          { match: { persona: 'security-engineer' }, reply: { fault: 'server_error' }, times: 10 },
        ],
      });
      const outcome = await run(['--with-model'], { url: mock.url, key: 'test' });
      expect(outcome.exitCode, outcome.stderr).toBe(4);
      expect(outcome.stdout).toContain('Cloud Architect: APPROVE WITH CHANGES');
      expect(outcome.stdout).toMatch(/Cloud Security Engineer: unavailable/);
    });
  },
);
