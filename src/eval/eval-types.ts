import type { ModelClient } from '../../providers/types.js';
import type { EvalCase } from './case-schema.js';
import type { OutputScore, ScoringGates } from './score.js';
import type { TokenTotals } from './usage-meter.js';

/** The two approaches the eval compares. */
export const SUBJECTS = ['pipeline', 'baseline'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** One approach's result on one case in one run. */
export interface SubjectResult {
  subject: Subject;
  /** `done`, `blocked`, `failed` (pipeline state) or `answered` (baseline); `error` when it threw. */
  outcome: string;
  error?: string;
  /** Generated files, relative to the case project. */
  files: string[];
  tokens: TokenTotals;
  wallMs: number;
  score: OutputScore;
}

/** Both approaches on one case in one run. */
export interface CaseResult {
  caseId: string;
  title: string;
  tool: EvalCase['tool'];
  environment: string;
  run: number;
  pipeline: SubjectResult;
  baseline: SubjectResult;
}

/** What the full pipeline needs to run one case through `new → plan → implement` and its gates. */
export interface PipelineRunInput {
  evalCase: EvalCase;
  projectRoot: string;
  /** The (metered) model client for a persona. */
  modelFor(persona: string): ModelClient;
  gates: ScoringGates;
  signal?: AbortSignal;
}

/** Runs the InfraKit pipeline for one case; returns its final state and the code files it wrote. */
export type PipelineRunner = (input: PipelineRunInput) => Promise<{ outcome: string; files: string[] }>;

/** Makes the model clients of one subject run: a fresh replay cursor or a live client per call site. */
export type ClientFactory = (
  evalCase: EvalCase,
  subject: Subject,
) => Promise<(persona: string) => ModelClient>;

/** Totals of one approach over every case and run. */
export interface SubjectSummary {
  subject: Subject;
  results: number;
  passed: number;
  passRate: number;
  ownChecksPassed: number;
  ownChecksPassRate: number;
  fieldErrors: number;
  policyFindings: Record<string, number>;
  missingTags: number;
  /** Validator status counts: passed / failed / unavailable. */
  validator: Record<'passed' | 'failed' | 'unavailable', number>;
  tokens: TokenTotals;
  /** All input tokens (uncached + cache read + cache write) per case on average. */
  inputTokensPerCase: number;
  wallMsTotal: number;
  wallMsMedian: number;
  errors: number;
}

/** The whole eval: written as results.json next to results.md and the chart. */
export interface EvalReport {
  generatedAt: string;
  provider: string;
  model: string;
  /** True when the answers are scripted fixtures, not a live model: the figures test the harness, not the bet. */
  scripted: boolean;
  runs: number;
  cases: CaseResult[];
  totals: Record<Subject, SubjectSummary>;
}
