import { describe, expect, it } from 'vitest';
import { ExitCode, InfrakitError } from '../../src/errors/index.js';
import { ValidatorError, formatValidatorFailure } from '../../src/validators/validator-error.js';

const run = {
  command: 'cfn-lint -- t.yaml',
  exitCode: 2,
  stdout: 'E3002 bad\nt.yaml:3:5',
  stderr: 'warning: old python',
  timedOut: false,
};

describe('formatValidatorFailure', () => {
  it('names the tool, version and exit code, then quotes stderr and stdout', () => {
    expect(formatValidatorFailure({ tool: 'cfn-lint', version: '1.51.0', run })).toBe(
      'cfn-lint 1.51.0 exited with code 2: cfn-lint -- t.yaml\n\nwarning: old python\n\nE3002 bad\nt.yaml:3:5',
    );
  });

  it('says when the tool timed out or could not start', () => {
    expect(
      formatValidatorFailure({ tool: 'crank', run: { ...run, exitCode: undefined, timedOut: true } }),
    ).toMatch(/^crank \(version unknown\) timed out: /);
    expect(
      formatValidatorFailure({
        tool: 'crank',
        run: { ...run, exitCode: undefined, failedToStart: 'spawn crank ENOENT' },
      }),
    ).toMatch(/could not be started: spawn crank ENOENT/);
  });
});

describe('ValidatorError', () => {
  it('is a validation failure (exit 4) carrying the tool output', () => {
    const error = new ValidatorError({ tool: 'cfn-lint', version: '1.51.0', run });
    expect(InfrakitError.isInstance(error)).toBe(true);
    expect(error.exitCode).toBe(ExitCode.validation);
    expect(error.toolExitCode).toBe(2);
    expect(error.output).toContain('E3002 bad');
  });
});
