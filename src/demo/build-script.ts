import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CodeResult, PlanResult, ReviewFinding, ReviewResult } from '../pipeline/output-schemas.js';
import { parseTasks } from '../pipeline/tasks-file.js';
import { SCRIPTED_NOTICE, type DemoScript, type ScriptedAnswer } from './demo-script.js';

/**
 * Authoring tool, not run by `infrakit demo`: builds the demo file from the worked example
 * examples/crossplane/cassandra-keyspace, so the scripted personas say exactly what the example's
 * artifacts say and write exactly its code. test/demo/demo-script.test.ts keeps the two in step.
 */

const TRACK = '.infrakit/tracks/cassandra-keyspace-20261125-120000';
const CODE = 'compositions/cassandra-keyspace';
const LABEL = `> **${SCRIPTED_NOTICE}.** Hand-written for \`infrakit demo\` from the worked example examples/crossplane/cassandra-keyspace.`;
const QUESTION_KEYS = [
  'data_and_reads',
  'environments',
  'capacity',
  'retention',
  'classification',
  'ownership',
];

/** The example's text without its "authored worked example" banner, with the demo's label instead. */
const relabel = (text: string): string =>
  `${LABEL}\n\n${text.replace(/^> \*\*Authored worked example\.\*\*.*\n+/, '').trim()}\n`;

/** Q&A pairs from qa.md (`### Qn. question` then `**Answer:** ...`). */
export function parseQuestions(qa: string): ScriptedAnswer[] {
  const blocks = qa.split(/^### Q\d+\. /m).slice(1);
  return blocks.map((block, index) => {
    const [question, ...rest] = block.split('\n');
    const answer = rest
      .join('\n')
      .replace(/^\*\*Answer:\*\*\s*/m, '')
      .replace(/\n\*\(.*\)\*\s*$/s, '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ');
    return { key: QUESTION_KEYS[index] ?? `question_${index + 1}`, question: question.trim(), answer };
  });
}

const cells = (line: string): string[] =>
  line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());

/** A review from review-<id>.md: the verdict line, the findings table and any closing note. */
export function parseReview(markdown: string): ReviewResult {
  const verdictText = /\*\*Verdict: ([^*]+)\*\*(.*)/.exec(markdown);
  const verdictWords = (verdictText?.[1] ?? '').trim().toLowerCase();
  const verdict = verdictWords.startsWith('approve with')
    ? 'APPROVE WITH CHANGES'
    : verdictWords.startsWith('reject')
      ? 'REJECT'
      : 'APPROVE';
  const lines = markdown.split('\n');
  const header = lines.find((line) => line.startsWith('| #')) ?? '';
  const columns = cells(header);
  const findings: ReviewFinding[] = lines
    .filter((line) => /^\| [A-Z]\d+ \|/.test(line))
    .map((line) => {
      const row = Object.fromEntries(cells(line).map((cell, index) => [columns[index], cell]));
      return {
        id: row['#'],
        severity: row.severity as ReviewFinding['severity'],
        title: row.finding,
        detail: `${row.finding} Resolved in the spec: ${row.resolution}`,
        recommendation: row.resolution,
        controls: row.control ? [row.control] : [],
      };
    });
  const notes = lines
    .filter((line) => line.trim() && !line.startsWith('|') && !line.startsWith('#') && !line.startsWith('>'))
    .filter((line) => !line.startsWith('**Verdict'));
  const note = (verdictText?.[2] ?? '').trim().replace(/^\((.*)\)$/, '$1');
  const summary = [note && `${note[0].toUpperCase()}${note.slice(1)}.`, ...notes, `(${SCRIPTED_NOTICE})`]
    .filter(Boolean)
    .join(' ');
  return {
    verdict,
    summary,
    findings,
    costEstimate: null,
    designOptions: [],
    overEngineering: [],
    complianceCoverage: [],
  };
}

const usage = { model: 'scripted', provider: 'replay' };
/**
 * The IaC Engineer's free turn with the schema lookup tools (src/pipeline/call-persona.ts), before
 * its structured answer. The script makes no lookups and says so; the verify gate checks every field.
 */
const LOOKUP_TURN = {
  persona: 'iac-engineer',
  response: {
    text: `No schema lookups in this ${SCRIPTED_NOTICE}: the fields were checked against the v2.6.0 CRDs when the worked example was written, and the verify gate checks every one again.`,
    toolCalls: [],
    stopReason: 'end',
    usage,
  },
};
const exchange = (persona: string, data: unknown) => ({
  persona,
  response: { text: JSON.stringify(data), data, toolCalls: [], stopReason: 'end', usage },
});

/** Builds the whole demo file from the example folder. */
export async function buildDemoScript(exampleRoot: string): Promise<DemoScript> {
  const read = (path: string) => readFile(join(exampleRoot, path), 'utf8');
  const answers = parseQuestions(await read(`${TRACK}/qa.md`));
  // The example's tasks grouped by the file they write: one IaC Engineer call per group, so
  // composition.yaml is written once, not once per task that touches it.
  const groups: Array<{ files: string[]; titles: string[]; requirements: string[] }> = [
    { files: ['definition.yaml'], titles: [], requirements: [] },
    { files: ['composition.yaml', 'functions.yaml'], titles: [], requirements: [] },
    {
      files: ['examples/xr-dev.yaml', 'examples/xr-prod.yaml', 'examples/observed-kms-key.yaml'],
      titles: [],
      requirements: [],
    },
  ];
  for (const task of parseTasks(await read(`${TRACK}/tasks.md`))) {
    const group = groups.find((candidate) => candidate.files.includes(task.files[0] ?? '')) ?? groups[1];
    group.titles.push(task.title);
    group.requirements.push(...task.requirements.filter((id) => !group.requirements.includes(id)));
  }
  const plan: PlanResult = {
    plan: relabel(await read(`${TRACK}/plan.md`)),
    tasks: groups.map((group, index) => ({
      id: `T${index + 1}`,
      title: group.titles.join('; '),
      requirements: group.requirements,
      files: group.files,
    })),
  };
  const code: CodeResult[] = await Promise.all(
    groups.map(async (group, index) => ({
      files: await Promise.all(
        group.files.map(async (file) => ({ path: file, content: await read(`${CODE}/${file}`) })),
      ),
      notes: `T${index + 1}: the worked example's ${group.files.join(', ')} (${SCRIPTED_NOTICE}).`,
    })),
  );
  const spec = relabel(await read(`${TRACK}/spec.md`));
  return {
    scripted: true,
    description: `${SCRIPTED_NOTICE}: every persona's answer below was written by hand from the worked example examples/crossplane/cassandra-keyspace. No model produced it.`,
    source: 'examples/crossplane/cassandra-keyspace',
    track: {
      name: 'cassandra-keyspace',
      tool: 'crossplane',
      environment: 'prod',
      request: 'A Cassandra keyspace for my service.',
    },
    answers,
    constraints: {
      'context.md': await read('.infrakit/context.md'),
      'tagging-standard.md': await read('.infrakit/tagging-standard.md'),
    },
    exchanges: [
      ...answers.map((entry) =>
        exchange('solutions-engineer', {
          question: { key: entry.key, text: entry.question, options: [] },
          spec: null,
        }),
      ),
      exchange('solutions-engineer', { question: null, spec }),
      exchange('architect', parseReview(await read(`${TRACK}/review-architect.md`))),
      exchange('security-engineer', parseReview(await read(`${TRACK}/review-security.md`))),
      exchange('iac-engineer', plan),
      ...code.flatMap((result) => [LOOKUP_TURN, exchange('iac-engineer', result)]),
    ],
  };
}
