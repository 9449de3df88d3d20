import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { Finding } from '../../findings/finding.js';
import type { CliIO } from '../io.js';

interface VerifyFlags {
  sarif?: boolean;
  render?: boolean;
  strict?: boolean;
}

/** `infrakit verify <paths...>`: every field against the provider's own schema. */
export const verifyCommand: CommandDefinition = (program: Command) => {
  const command = program
    .command('verify')
    .description(
      "check every field of Crossplane, Kubernetes, CloudFormation and Terraform files against the provider's own schema",
    )
    .argument('<paths...>', 'files or directories to verify')
    .option('--sarif', 'print SARIF 2.1.0 on stdout (for code scanning)')
    .option(
      '--strict',
      'fail (exit 4) on every resource whose schema is not in the store, instead of one warning per kind',
    )
    .option(
      '--render',
      'also render each Composition against its example XR(s) with `crank render` and function-go-templating, and verify the composed resources (exit 5 when the tools are missing)',
    )
    .action(action(runVerifyCommand));
  withExamples(
    command,
    'infrakit verify apis/',
    'infrakit verify template.yaml --json',
    'infrakit verify main.tf --sarif > verify.sarif',
    'infrakit verify compositions/ --render',
  );
  command.addHelpText(
    'after',
    '\nPaths are relative to where you run it; each is checked with the schema store of the project (the nearest .infrakit/ above it) it belongs to.\n' +
      'Exit codes: 0 clean (warnings allowed; a kind whose schema is not imported is one warning per kind), 4 any error (with --strict, also every resource whose schema is not imported), 5 --render was blocked (crank or function-go-templating missing, no example XR, or a render failed; the findings are still printed), 7 nothing was checked (no resources found; resources found but none checked against an imported or built-in schema; or a file that is unreadable, binary, an archive or in no format infrakit reads).\n',
  );
};

async function runVerifyCommand(io: CliIO, flags: VerifyFlags, paths: string[]): Promise<number> {
  const [
    { verifyPaths },
    { isError },
    pathsAsGiven,
    { assertCheckableFiles },
    { renderVerifyFindings },
    { nothingCheckedMessage },
    { againstProjectXrds },
  ] = await Promise.all([
    import('../../verify/verify-paths.js'),
    import('../../verify/verify-finding.js'),
    import('../paths-as-given.js'),
    import('../checkable-files.js'),
    import('../verify-view.js'),
    import('../../verify/nothing-checked.js'),
    import('../../verify/verify-summary.js'),
  ]);
  const { NothingCheckedError, ExitCode } = await import('../../errors/index.js');
  await assertCheckableFiles(io.cwd, paths, 'verify');
  // Each path is checked with the schema store of the project it belongs to, and shown as given.
  const findings: Finding[] = [];
  const summaries: string[] = [];
  let resources = 0;
  let checkable = 0;
  let checked = 0;
  let againstSchemas = 0;
  let errors = 0;
  let warnings = 0;
  let blocked = false;
  for (const group of await pathsAsGiven.groupByProject(io.cwd, paths)) {
    const result = await verifyPaths(group.paths, {
      projectRoot: group.projectRoot,
      strict: flags.strict === true,
    });
    const rendered = flags.render ? await renderCompositions(io, group.projectRoot, group.paths) : undefined;
    const groupFindings = [...result.findings, ...(rendered?.findings ?? [])];
    findings.push(...pathsAsGiven.findingsFromWhereItRan(groupFindings, group.projectRoot, io.cwd));
    const renderErrors = rendered ? rendered.findings.filter(isError).length : 0;
    errors += result.errors + renderErrors;
    warnings += result.warnings + (rendered ? rendered.findings.length - renderErrors : 0);
    resources += result.resources;
    checkable += result.checkable;
    checked += result.checked.length;
    againstSchemas += result.checked.length - againstProjectXrds(result.checked);
    blocked ||= Boolean(rendered?.blocked);
    summaries.push(rendered ? `${result.summary}; ${rendered.summary}` : result.summary);
  }
  if (resources === 0 && findings.length === 0)
    throw new NothingCheckedError(
      `verify: no Kubernetes, Crossplane, CloudFormation or Terraform resources found in ${paths.join(', ')}; nothing was checked`,
      {
        hint: 'Check the path: pass the folder or files that hold your IaC, e.g. infrakit verify compositions/',
      },
    );
  const summary = summaries.join('; ');
  // Found resources but checked none of them against an imported or built-in schema (the project's
  // own XRDs do not count): exit 7, like finding none, after the findings that say which kinds had
  // no schema (--strict has already made each of them an error, exit 4).
  const nothingChecked = checkable > 0 && againstSchemas === 0 && errors === 0 && !blocked;
  const unchecked = nothingChecked
    ? nothingCheckedMessage(
        'verify',
        paths.join(', '),
        { checkable, againstProjectXrds: checked - againstSchemas },
        findings,
      )
    : undefined;
  if (flags.sarif) {
    const { buildSarif } = await import('../../sarif/build-sarif.js');
    const sarif = buildSarif({ findings, rules: new Map(), tools: { infrakit: { name: 'infrakit' } } });
    process.stdout.write(`${JSON.stringify(sarif, null, 2)}\n`);
    io.warn(summary);
  } else {
    io.result(
      {
        summary,
        resources,
        checkable,
        checked,
        errors,
        warnings,
        findings,
        // --json keeps one document on stdout: the findings and the error together.
        ...(unchecked
          ? { error: { kind: 'NothingCheckedError', ...unchecked, exitCode: ExitCode.nothingChecked } }
          : {}),
      },
      renderVerifyFindings(findings, summary, io.style, isError),
    );
  }
  if (unchecked && io.json) {
    io.warn(`error: ${unchecked.message}\n  ${unchecked.hint}`);
    return ExitCode.nothingChecked;
  }
  if (unchecked) throw new NothingCheckedError(unchecked.message, { hint: unchecked.hint });
  if (blocked) return 5;
  return errors > 0 ? 4 : 0;
}

/** Runs `--render`, prints what blocked it, and returns the rendered findings and a summary fragment. */
async function renderCompositions(io: CliIO, projectRoot: string, paths: string[]) {
  const [{ renderAndVerify }, { processValidatorEnvironment }, { isError }] = await Promise.all([
    import('../../verify/render-compositions.js'),
    import('../../validators/validator-environment.js'),
    import('../../verify/verify-finding.js'),
  ]);
  const outcome = await renderAndVerify(paths, {
    projectRoot,
    environment: processValidatorEnvironment(),
  });
  for (const missing of outcome.missing)
    io.warn(
      `--render: blocked: ${missing.name} is not installed (${missing.binaries.join(' or ')} not on PATH or in .tools/bin), so no composition was rendered. Install it with: ${missing.installCommand}`,
    );
  for (const problem of outcome.problems) io.warn(`--render: blocked: ${problem}`);
  for (const line of outcome.ran) io.warn(`--render: ran ${line}`);
  const errors = outcome.findings.filter(isError).length;
  const summary = outcome.missing.length
    ? `render blocked (${outcome.missing.map((missing) => missing.name).join(', ')} missing)`
    : `render: ${outcome.rendered.length} render${outcome.rendered.length === 1 ? '' : 's'}, ${outcome.rendered.reduce((sum, item) => sum + item.resources, 0)} composed resources, ${errors} error${errors === 1 ? '' : 's'}${outcome.blocked ? ', blocked' : ''}`;
  return { findings: outcome.findings, blocked: outcome.blocked, summary };
}
