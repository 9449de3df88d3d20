/**
 * Types shared by the relay statechart. The machine holds only small summaries: artifacts live in
 * the track folder, written by the injected actors in src/pipeline.
 */

/** One clarifying question from the Solutions Engineer. */
export interface Question {
  /** A stable key, used by `--answers` maps, e.g. `replication`. */
  key: string;
  text: string;
  /** Suggested answers, when the question has a closed set of sensible options. */
  options: string[];
}

/** A step that finished and whose files must be committed as one git commit. */
export interface CompletedStep {
  /** 1-based, increasing by one per step. */
  number: number;
  /** e.g. `question`, `spec`, `review`, `plan`, `code`, `gate`, `repair`, `blocked`, `done`. */
  name: string;
  persona: string;
  /** Files written by the step, relative to the project root. */
  files: string[];
}

/** Verdicts a reviewer may give. */
export type Verdict = 'APPROVE' | 'APPROVE WITH CHANGES' | 'REJECT';

/** What the machine keeps of one review. */
export interface ReviewSummary {
  verdict: Verdict;
  openFindings: number;
}

/** What the machine keeps of one gate result. */
export interface GateSummary {
  gate: string;
  status: 'passed' | 'failed' | 'unavailable';
  summary: string;
  installHint?: string;
}

/** The states a stopped track can be resumed into after being blocked or failing. */
export type ResumableState =
  'specifying' | 'reviewing' | 'planning' | 'implementing' | 'validating' | 'repairing';

export interface RelayContext {
  track: string;
  mode: 'full' | 'quick';
  /** Persona ids of every `stage: review` persona; one parallel region each. */
  reviewerIds: string[];
  maxQuestions: number;
  maxRevisions: number;
  maxRepairRounds: number;
  /** Number of the first step (a quick fix on an existing track continues its numbering). */
  firstStepNumber: number;
  questionsAsked: number;
  pendingQuestion?: Question;
  revisions: number;
  reviews: Record<string, ReviewSummary>;
  repairRounds: number;
  gates: GateSummary[];
  steps: CompletedStep[];
  /** Why the track is blocked or failed. */
  reason?: string;
  /** Set when a review stopped for a reason that needs a human (budget, refused path). */
  reviewBlocking?: boolean;
  /** Where RETRY goes from blocked or failed. */
  resumeAt?: ResumableState;
}

/** Options fixed when a track is created. */
export interface RelayInput {
  track: string;
  reviewerIds: string[];
  maxQuestions: number;
  maxRevisions: number;
  maxRepairRounds: number;
  firstStepNumber?: number;
}

export type RelayEvent =
  { type: 'START' } | { type: 'QUICK_FIX' } | { type: 'PLAN' } | { type: 'IMPLEMENT' } | { type: 'RETRY' };

/** Output of the Solutions Engineer actor. */
export type ConsultOutput = { kind: 'question'; question: Question } | { kind: 'spec'; files: string[] };
/** Input of the Solutions Engineer actor. */
export interface ConsultInput {
  mustFinish: boolean;
  revision: number;
}
/** Output of the answer actor (prompt or --answers). */
export interface AnswerOutput {
  answer: string;
  files: string[];
}
/** Output of one review actor. */
export interface ReviewOutput {
  verdict: Verdict;
  openFindings: number;
  files: string[];
}
/** Output of the planning, implementing and repairing actors. */
export interface FilesOutput {
  files: string[];
}
/** Output of the gate actor. */
export interface GatesOutput {
  gates: GateSummary[];
  files: string[];
}
