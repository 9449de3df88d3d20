/**
 * The one error hierarchy. Every error a user can cause maps to a documented exit code
 * (docs/exit-codes.md); InternalError is reserved for bugs.
 */
const MARKER = Symbol.for('infrakit.error');

/** Documented process exit codes. */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  config: 3,
  validation: 4,
  blocked: 5,
  provider: 6,
  nothingChecked: 7,
  /** Ctrl-C (128 + SIGINT), the shell's convention. */
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface InfrakitErrorOptions {
  /** What the user can do about it, printed under the message. */
  hint?: string;
  cause?: unknown;
}

/** Base class: carries an exit code and an optional hint. */
export class InfrakitError extends Error {
  readonly [MARKER] = true;
  readonly exitCode: ExitCodeValue;
  readonly hint?: string;

  constructor(message: string, exitCode: ExitCodeValue, options: InfrakitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = options.hint;
  }

  /** Works across duplicated package copies, where instanceof fails. */
  static isInstance(value: unknown): value is InfrakitError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}

/** Bad flags or arguments (exit 2). */
export class UsageError extends InfrakitError {
  constructor(message: string, options?: InfrakitErrorOptions) {
    super(message, ExitCode.usage, options);
  }
}

/** A constraint or configuration file is missing or invalid (exit 3). */
export class ConfigError extends InfrakitError {
  /** Each problem, already formatted as `file: field.path: what was expected`. */
  readonly problems: string[];
  constructor(message: string, problems: string[] = [], options?: InfrakitErrorOptions) {
    super(message, ExitCode.config, options);
    this.problems = problems;
  }
}

/** Verification, policy or an external validator failed (exit 4). */
export class ValidationFailedError extends InfrakitError {
  constructor(message: string, options?: InfrakitErrorOptions) {
    super(message, ExitCode.validation, options);
  }
}

/** The track cannot go on without a human: missing tool, budget, repeated failures (exit 5). */
export class BlockedError extends InfrakitError {
  constructor(message: string, options?: InfrakitErrorOptions) {
    super(message, ExitCode.blocked, options);
  }
}

/** A check was pointed at something it could not check: no resources, a binary file, a tarball (exit 7). */
export class NothingCheckedError extends InfrakitError {
  constructor(message: string, options?: InfrakitErrorOptions) {
    super(message, ExitCode.nothingChecked, options);
  }
}

/** A model provider failed or is misconfigured (exit 6). */
export class ProviderError extends InfrakitError {
  /** A short machine name of what went wrong, e.g. `rate_limit`, `stream_dropped`, `max_tokens`. */
  readonly kind: string;
  readonly statusCode?: number;
  readonly isRetryable: boolean;
  /** The raw model text, when the failure was about its content. */
  readonly rawText?: string;
  readonly attempts?: number;

  constructor(
    message: string,
    details: {
      kind: string;
      statusCode?: number;
      isRetryable?: boolean;
      rawText?: string;
      attempts?: number;
    },
    options?: InfrakitErrorOptions,
  ) {
    super(message, ExitCode.provider, options);
    this.kind = details.kind;
    this.statusCode = details.statusCode;
    this.isRetryable = details.isRetryable ?? false;
    this.rawText = details.rawText;
    this.attempts = details.attempts;
  }
}

/** Ctrl-C, at a prompt or during a model call (exit 130): says what was kept and how to resume. */
export class InterruptedError extends InfrakitError {
  /** What survived the interruption, e.g. the committed steps of a track. */
  readonly kept: string;
  /** The exact command that continues where this one stopped, when there is one. */
  readonly resume?: string;
  constructor(message: string, details: { kept: string; resume?: string }, options?: InfrakitErrorOptions) {
    super(message, ExitCode.interrupted, options);
    this.kept = details.kept;
    this.resume = details.resume;
  }
}

/** A bug in InfraKit itself (exit 1). */
export class InternalError extends InfrakitError {
  constructor(message: string, options?: InfrakitErrorOptions) {
    super(message, ExitCode.internal, {
      hint: 'This is a bug in infrakit. Please report it with the command you ran.',
      ...options,
    });
  }
}
