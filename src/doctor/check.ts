import type { IacTool } from '../constraints/schema.js';

/** ok: fine. warn: worth fixing, not blocking. missing/error: blocking when `required`. */
export type CheckStatus = 'ok' | 'warn' | 'missing' | 'error';

/** One line of the doctor's report. */
export interface DoctorCheck {
  /** Stable machine name, e.g. `node`, `git`, `constraints`, `validator:crank`. */
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found: a version and path, the problems, which variables are set. */
  detail: string;
  /** Extra lines, e.g. every constraint problem. */
  problems?: string[];
  /** The exact command (or step) that fixes it. */
  fix?: string;
  /** True when the configured IaC tool cannot work without it. */
  required: boolean;
}

/** The whole report and the exit code it earns. */
export interface DoctorReport {
  projectRoot?: string;
  iac?: IacTool;
  checks: DoctorCheck[];
  /** 0 everything required is there; 3 the constraints are invalid; 5 something required is missing. */
  exitCode: 0 | 3 | 5;
  summary: string;
}

/** True when the check stops the configured tool from working. */
export const isBlocking = (check: DoctorCheck): boolean =>
  check.required && (check.status === 'missing' || check.status === 'error');
