import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecording } from '../../providers/replay/recording-format.js';
import { buildDemoScript, parseQuestions, parseReview } from '../../src/demo/build-script.js';
import { defaultDemoScriptPath, loadDemoScript, SCRIPTED_NOTICE } from '../../src/demo/demo-script.js';

const root = join(import.meta.dirname, '..', '..');
const example = join(root, 'examples', 'crossplane', 'cassandra-keyspace');
const shipped = defaultDemoScriptPath(root);

describe('the shipped demo script', () => {
  it('is labelled scripted and parses as a scripted replay recording', async () => {
    const script = await loadDemoScript(shipped);
    expect(script.scripted).toBe(true);
    expect(script.description).toContain(SCRIPTED_NOTICE);
    const recording = parseRecording(await readFile(shipped, 'utf8'), shipped);
    expect(recording.scripted).toBe(true);
    expect(Object.keys(recording.byPersona).sort()).toEqual([
      'architect',
      'iac-engineer',
      'security-engineer',
      'solutions-engineer',
    ]);
    expect(recording.byPersona['solutions-engineer']).toHaveLength(script.answers.length + 1);
  });

  // Regenerate with (then run prettier on it): UPDATE_DEMO_SCRIPT=1 npx vitest run test/demo/demo-script.test.ts
  it.skipIf(!existsSync(example))(
    'says exactly what the worked example says and writes its code',
    async () => {
      const built = await buildDemoScript(example);
      if (process.env.UPDATE_DEMO_SCRIPT) await writeFile(shipped, `${JSON.stringify(built, null, 2)}\n`);
      expect(JSON.parse(await readFile(shipped, 'utf8'))).toEqual(built);
      const composition = await readFile(
        join(example, 'compositions', 'cassandra-keyspace', 'composition.yaml'),
        'utf8',
      );
      expect(JSON.stringify(built)).toContain(JSON.stringify(composition));
    },
  );
});

describe('parsing the example track', () => {
  it('reads each question with its whole answer and drops the authoring note', () => {
    const parsed = parseQuestions(
      '# Q\n\n### Q1. How long?\n**Answer:** 90 days,\nthen delete.\n*(Led to TTL.)*\n\n### Q2. Who?\n**Answer:** us.\n',
    );
    expect(parsed).toEqual([
      { key: 'data_and_reads', question: 'How long?', answer: '90 days, then delete.' },
      { key: 'environments', question: 'Who?', answer: 'us.' },
    ]);
  });

  it('reads a review table into severity-tagged findings with controls', () => {
    const review = parseReview(
      '**Verdict: approve with changes** (applied)\n\n| # | severity | control | finding | resolution |\n| --- | --- | --- | --- | --- |\n| S1 | high | SOC 2 CC6.1 | Encrypt it. | CMK. |\n',
    );
    expect(review.verdict).toBe('APPROVE WITH CHANGES');
    expect(review.findings).toEqual([
      {
        id: 'S1',
        severity: 'high',
        title: 'Encrypt it.',
        detail: 'Encrypt it. Resolved in the spec: CMK.',
        recommendation: 'CMK.',
        controls: ['SOC 2 CC6.1'],
      },
    ]);
    expect(review.summary).toContain(SCRIPTED_NOTICE);
  });
});
