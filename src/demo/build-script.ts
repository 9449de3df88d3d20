import { readFile } from 'node:fs/promises';
import type { IacTool } from '../constraints/schema.js';
import { join } from 'node:path';
import type { CodeResult, PlanResult, ReviewFinding, ReviewResult } from '../pipeline/output-schemas.js';
import { parseTasks } from '../pipeline/tasks-file.js';
import { SCRIPTED_NOTICE, type DemoScript, type ScriptedAnswer } from './demo-script.js';

/**
 * Authoring tool, not run by `infrakit demo`: builds the demo file from the worked example
 * examples/crossplane/cassandra-keyspace, so the scripted personas say exactly what the example's
 * artifacts say and write exactly its code. test/demo/demo-script.test.ts keeps the two in step.
 */

/** A worked example under examples/ that a demo script is built from. */
export interface WorkedExample {
  /** The example folder relative to the package root, e.g. `examples/crossplane/cassandra-keyspace`. */
  source: string;
  track: { name: string; tool: IacTool; environment: string; request: string };
  /** The example's track folder, relative to the example. */
  trackDir: string;
  /** Where the example's code lives, relative to the example. */
  codeDir: string;
  /** The code files grouped into one IaC Engineer call each (relative to codeDir). */
  groups: string[][];
  /** Answers-file keys of the example's questions, in order (`question_N` beyond them). */
  questionKeys: string[];
  /** What the IaC Engineer's (lookup-free) tool turn says about the schemas. */
  lookupNote: string;
}

const EXAMPLE_TRACK = '.infrakit/tracks/s3-secure-bucket-20261125-120000';

/** The worked example of each IaC tool that `infrakit demo --iac <tool>` replays. */
export const WORKED_EXAMPLES: Record<IacTool, WorkedExample> = {
  crossplane: {
    source: 'examples/crossplane/cassandra-keyspace',
    track: {
      name: 'cassandra-keyspace',
      tool: 'crossplane',
      environment: 'prod',
      request: 'A Cassandra keyspace for my service.',
    },
    trackDir: '.infrakit/tracks/cassandra-keyspace-20261125-120000',
    codeDir: 'compositions/cassandra-keyspace',
    groups: [
      ['definition.yaml'],
      ['composition.yaml', 'functions.yaml'],
      ['examples/xr-dev.yaml', 'examples/xr-prod.yaml', 'examples/observed-kms-key.yaml'],
    ],
    questionKeys: ['data_and_reads', 'environments', 'capacity', 'retention', 'classification', 'ownership'],
    lookupNote:
      'the fields were checked against the v2.6.0 CRDs when the worked example was written, and the verify gate checks every one again.',
  },
  terraform: {
    source: 'examples/terraform/s3-secure-bucket',
    track: {
      name: 's3-secure-bucket',
      tool: 'terraform',
      environment: 'prod',
      request: 'A secure S3 bucket for my service.',
    },
    trackDir: EXAMPLE_TRACK,
    codeDir: 'modules/s3-secure-bucket',
    groups: [['versions.tf', 'variables.tf', 'main.tf', 'outputs.tf']],
    questionKeys: [],
    lookupNote: 'the verify gate checks every field against the provider schema.',
  },
  cloudformation: {
    source: 'examples/cloudformation/s3-secure-bucket',
    track: {
      name: 's3-secure-bucket',
      tool: 'cloudformation',
      environment: 'prod',
      request: 'A secure S3 bucket for my service.',
    },
    trackDir: EXAMPLE_TRACK,
    codeDir: 'templates',
    groups: [['s3-secure-bucket.yaml']],
    questionKeys: [],
    lookupNote: 'the verify gate checks every field against the provider schema.',
  },
};
const QUESTION_KEYS = WORKED_EXAMPLES.crossplane.questionKeys;
const labelOf = (source: string): string =>
  `> **${SCRIPTED_NOTICE}.** Hand-written for \`infrakit demo\` from the worked example ${source}.`;

/** The example's text without its "authored worked example" banner, with the demo's label instead. */
const relabel = (text: string, source: string): string =>
  `${labelOf(source)}\n\n${text.replace(/^> \*\*Authored worked example\.\*\*.*\n+/, '').trim()}\n`;

/** Q&A pairs from qa.md (`### Qn. question` then `**Answer:** ...`). */
export function parseQuestions(qa: string, keys: string[] = QUESTION_KEYS): ScriptedAnswer[] {
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
    return { key: keys[index] ?? `question_${index + 1}`, question: question.trim(), answer };
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
const lookupTurn = (note: string) => ({
  persona: 'iac-engineer',
  response: {
    text: `No schema lookups in this ${SCRIPTED_NOTICE}: ${note}`,
    toolCalls: [],
    stopReason: 'end',
    usage,
  },
});
const exchange = (persona: string, data: unknown) => ({
  persona,
  response: { text: JSON.stringify(data), data, toolCalls: [], stopReason: 'end', usage },
});

/** Builds the whole demo file from the example folder. */
export async function buildDemoScript(
  exampleRoot: string,
  example: WorkedExample = WORKED_EXAMPLES.crossplane,
): Promise<DemoScript> {
  const TRACK = example.trackDir;
  const CODE = example.codeDir;
  const read = (path: string) => readFile(join(exampleRoot, path), 'utf8');
  const answers = parseQuestions(await read(`${TRACK}/qa.md`), example.questionKeys);
  // The example's tasks grouped by the file they write: one IaC Engineer call per group, so
  // composition.yaml is written once, not once per task that touches it.
  const groups = example.groups.map((files) => ({
    files,
    titles: [] as string[],
    requirements: [] as string[],
  }));
  for (const task of parseTasks(await read(`${TRACK}/tasks.md`))) {
    const group =
      groups.find((candidate) => candidate.files.includes(task.files[0] ?? '')) ??
      groups[Math.min(1, groups.length - 1)];
    group.titles.push(task.title);
    group.requirements.push(...task.requirements.filter((id) => !group.requirements.includes(id)));
  }
  const plan: PlanResult = {
    plan: relabel(await read(`${TRACK}/plan.md`), example.source),
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
  const spec = relabel(await read(`${TRACK}/spec.md`), example.source);
  return {
    scripted: true,
    description: `${SCRIPTED_NOTICE}: every persona's answer below was written by hand from the worked example ${example.source}. No model produced it.`,
    source: example.source,
    track: { ...example.track },
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
      ...code.flatMap((result) => [lookupTurn(example.lookupNote), exchange('iac-engineer', result)]),
    ],
  };
}
