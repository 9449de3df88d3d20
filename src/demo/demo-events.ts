import type { GateResult } from '../gate/types.js';
import type { ReviewResult, Task } from '../pipeline/output-schemas.js';

/**
 * What the demo reports as it goes, in order. The terminal layer (src/cli/commands/demo.ts)
 * renders each event the moment it arrives; nothing here writes to the console.
 */
export type DemoEvent =
  | {
      kind: 'setup';
      title: string;
      detail: string;
      /** A command to paste: shown whole on one line, never wrapped. */
      command?: boolean;
    }
  | { kind: 'question'; number: number; persona: string; question: string; answer: string }
  | { kind: 'spec'; persona: string; spec: string; file: string }
  | { kind: 'review'; persona: string; reviewer: string; review: ReviewResult }
  | { kind: 'plan'; persona: string; plan: string; tasks: Task[] }
  | {
      kind: 'code';
      persona: string;
      /** 1-based task number; a repair keeps the number of the last task. */
      task: number;
      repair: boolean;
      files: Array<{ path: string; lines: number }>;
      notes: string;
    }
  | { kind: 'gate'; result: GateResult }
  | { kind: 'progress'; message: string };

/** Receives demo events; the CLI prints them, tests collect them. */
export type DemoListener = (event: DemoEvent) => void;
