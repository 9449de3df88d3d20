import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createCaseProject } from '../src/eval/case-project.js';
import { parseBenchArguments } from './lib/arguments.js';
import { figureLine, type Figure } from './lib/figure.js';
import { machineDetails } from './lib/machine.js';
import { measureStartup, hyperfineVersion } from './p5-startup.js';
import { measureTokens } from './p3-tokens.js';
import { measureParallelReviews } from './p1-parallel-reviews.js';
import { measureOverhead } from './p2-overhead.js';
import { measureVerify } from './p4-verify-runner.js';
import { measureCloudformationVerify } from './p6-cloudformation-verify.js';

/** With --only, the figures of the previous results.json that this run did not measure (each keeps its measuredAt). */
function keptFigures(output: string, only: string[]): Figure[] {
  if (only.length === 0 || !existsSync(output)) return [];
  try {
    const previous = JSON.parse(readFileSync(output, 'utf8')) as {
      generatedAt?: string;
      figures?: Array<Figure & { measuredAt?: string }>;
    };
    return (previous.figures ?? [])
      .filter((figure) => !only.some((id) => figure.id.startsWith(id)))
      .map((figure) => ({ ...figure, measuredAt: figure.measuredAt ?? previous.generatedAt }));
  } catch {
    return [];
  }
}

/** Runs the selected figures, prints one line each, writes bench/results.json; returns the exit code. */
export async function runBench(argv: string[], projectRoot: string): Promise<number> {
  let options;
  try {
    options = parseBenchArguments(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const wanted = (id: string) => options.only.length === 0 || options.only.includes(id);
  const profile = join(projectRoot, 'eval', 'cases', 'project');
  const fixtureProject = await createCaseProject(profile, 'terraform');
  const figures: Figure[] = [];
  const report = (produced: Figure[]) => {
    for (const figure of produced) {
      figures.push(figure);
      process.stdout.write(`${figureLine(figure)}\n`);
    }
  };
  const guarded = async (id: string, title: string, target: string, measure: () => Promise<Figure[]>) => {
    if (!wanted(id)) return;
    try {
      report(await measure());
    } catch (error) {
      report([
        { id, title, status: 'failed', target, reason: (error as Error).message.split('\n')[0], details: {} },
      ]);
    }
  };
  const shared = { projectRoot, fixtureProject, runs: options.runs, latencyMs: options.latencyMs, profile };
  await guarded('P5', 'start-up', '<= 150 ms', () => measureStartup(shared));
  await guarded('P3', 'tokens', '<= 0.6x', () => measureTokens(shared));
  await guarded('P1', 'parallel reviews', '<= 0.8x', () => measureParallelReviews(shared));
  await guarded('P2', 'orchestration overhead', '< 5%', () => measureOverhead(shared));
  await guarded('P4', 'verification', 'see bench/p4', () => measureVerify(shared));
  await guarded('P6', 'CloudFormation verify vs cfn-lint', '<= 0.1x', () =>
    measureCloudformationVerify(shared),
  );
  const output = options.output ?? join(projectRoot, 'bench', 'results.json');
  mkdirSync(dirname(output), { recursive: true });
  const results = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench -- ${argv.join(' ')}`.trim(),
    runs: options.runs,
    latencyMs: options.latencyMs,
    machine: machineDetails(hyperfineVersion()),
    figures: [
      ...keptFigures(output, options.only),
      ...figures.map((figure) => ({ ...figure, measuredAt: new Date().toISOString() })),
    ].sort((left, right) => left.id.localeCompare(right.id)),
  };
  writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`wrote ${output}\n`);
  return figures.some((figure) => figure.status === 'failed') ? 1 : 0;
}
