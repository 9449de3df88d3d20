import type { Usage } from '../../providers/types.js';
import { loadConstraints } from '../constraints/load.js';
import { codeDirectory } from '../tracks/code-location.js';
import { runBaseline } from './baseline.js';
import { createCaseProject } from './case-project.js';
import type { EvalCase } from './case-schema.js';
import type {
  CaseResult,
  ClientFactory,
  EvalReport,
  PipelineRunner,
  Subject,
  SubjectResult,
} from './eval-types.js';
import { scoreOutput, type ScoringGates } from './score.js';
import { summarizeSubject } from './summarize.js';
import { createUsageMeter, type UsageMeter } from './usage-meter.js';

/** Everything the eval needs; the CLI builds the real one, tests inject fakes. */
export interface EvalDependencies {
  cases: EvalCase[];
  /** eval/cases/project: the constraint files every case project starts from. */
  profileDirectory: string;
  clientFactory: ClientFactory;
  runPipeline: PipelineRunner;
  gates: ScoringGates;
  priceOf(usage: Usage): number | undefined;
  provider: string;
  model: string;
  scripted: boolean;
  runs: number;
  now(): number;
  /** Where case projects are created (a temp dir). */
  workDirectory: string;
  /** Schema sources each case project imports, by tool (see shared-schemas.ts). */
  schemaSources?: (tool: EvalCase['tool']) => string[];
  /** Progress lines for the terminal. */
  progress(message: string): void;
  /** Called with every subject run's meter (used to write recordings). */
  onMeter?(evalCase: EvalCase, subject: Subject, meter: UsageMeter): Promise<void>;
  signal?: AbortSignal;
}

async function runSubject(
  dependencies: EvalDependencies,
  evalCase: EvalCase,
  subject: Subject,
): Promise<SubjectResult> {
  const projectRoot = await createCaseProject(
    dependencies.profileDirectory,
    evalCase.tool,
    dependencies.workDirectory,
    dependencies.schemaSources?.(evalCase.tool) ?? [],
  );
  const constraints = await loadConstraints(projectRoot);
  const meter = createUsageMeter((usage) => dependencies.priceOf(usage));
  const makeClient = await dependencies.clientFactory(evalCase, subject);
  const modelFor = (persona: string) => meter.wrap(makeClient(persona));
  const started = dependencies.now();
  let outcome = 'error';
  let files: string[] = [];
  let error: string | undefined;
  try {
    if (subject === 'pipeline') {
      ({ outcome, files } = await dependencies.runPipeline({
        evalCase,
        projectRoot,
        modelFor,
        gates: dependencies.gates,
        signal: dependencies.signal,
      }));
    } else {
      files = await runBaseline(
        evalCase,
        projectRoot,
        codeDirectory(evalCase.tool, evalCase.name, constraints),
        constraints,
        modelFor('single-prompt-baseline'),
      );
      outcome = 'answered';
    }
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const wallMs = dependencies.now() - started;
  await dependencies.onMeter?.(evalCase, subject, meter);
  const score = await scoreOutput(
    {
      projectRoot,
      tool: evalCase.tool,
      files,
      constraints,
      environment: evalCase.environment,
      signal: dependencies.signal,
    },
    dependencies.gates,
  );
  return { subject, outcome, error, files, tokens: meter.totals(), wallMs, score };
}

/** Runs every case N times through the pipeline and the single-prompt baseline, scoring both the same way. */
export async function runEval(dependencies: EvalDependencies): Promise<EvalReport> {
  const cases: CaseResult[] = [];
  for (let run = 1; run <= dependencies.runs; run += 1) {
    for (const evalCase of dependencies.cases) {
      dependencies.progress(
        `run ${run}/${dependencies.runs} · ${evalCase.id} (${evalCase.tool}, ${evalCase.environment})`,
      );
      const pipeline = await runSubject(dependencies, evalCase, 'pipeline');
      const baseline = await runSubject(dependencies, evalCase, 'baseline');
      cases.push({
        caseId: evalCase.id,
        title: evalCase.title,
        tool: evalCase.tool,
        environment: evalCase.environment,
        run,
        pipeline,
        baseline,
      });
    }
  }
  return {
    generatedAt: new Date(dependencies.now()).toISOString(),
    provider: dependencies.provider,
    model: dependencies.model,
    scripted: dependencies.scripted,
    runs: dependencies.runs,
    cases,
    totals: { pipeline: summarizeSubject(cases, 'pipeline'), baseline: summarizeSubject(cases, 'baseline') },
  };
}
