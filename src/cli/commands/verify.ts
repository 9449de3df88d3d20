import type { Command } from 'commander';
import { action, withExamples, type CommandDefinition } from '../command.js';
import type { CliIO } from '../io.js';

interface VerifyFlags {
  sarif?: boolean;
  render?: boolean;
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
    .option('--render', 'also run `crossplane render` on compositions when crossplane is installed')
    .action(action(runVerifyCommand));
  withExamples(
    command,
    'infrakit verify apis/',
    'infrakit verify template.yaml --json',
    'infrakit verify main.tf --sarif > verify.sarif',
  );
  command.addHelpText(
    'after',
    '\nExit codes: 0 clean (warnings allowed), 4 any error (including resources whose schema is not imported).\n',
  );
};

async function runVerifyCommand(io: CliIO, flags: VerifyFlags, paths: string[]): Promise<number> {
  const [{ verifyPaths }, { isError }, { findProjectRoot }, { renderVerifyFindings }] = await Promise.all([
    import('../../verify/verify-paths.js'),
    import('../../verify/verify-finding.js'),
    import('../../project/project-root.js'),
    import('../verify-view.js'),
  ]);
  const projectRoot = (await findProjectRoot(io.cwd)) ?? io.cwd;
  const { resolve, relative } = await import('node:path');
  const relativePaths = paths.map((path) => relative(projectRoot, resolve(io.cwd, path)) || '.');
  if (flags.render) {
    const { execa } = await import('execa');
    const found = await execa('crossplane', ['version', '--client'], { reject: false });
    if (found.exitCode !== 0)
      io.warn(
        '--render: `crossplane` is not installed, so compositions were not rendered; the inline templates were verified statically (every if/else branch).',
      );
    else
      io.warn(
        '--render: rendering with `crossplane render` needs an example XR and a functions file; not wired yet in this build, so only the static verification ran.',
      );
  }
  const result = await verifyPaths(relativePaths, { projectRoot });
  if (flags.sarif) {
    const { buildSarif } = await import('../../sarif/build-sarif.js');
    const sarif = buildSarif({
      findings: result.findings,
      rules: new Map(),
      tools: { infrakit: { name: 'infrakit' } },
    });
    process.stdout.write(`${JSON.stringify(sarif, null, 2)}\n`);
    io.warn(result.summary);
  } else {
    io.result(
      {
        summary: result.summary,
        resources: result.resources,
        errors: result.errors,
        warnings: result.warnings,
        findings: result.findings,
      },
      renderVerifyFindings(result.findings, result.summary, io.style, isError),
    );
  }
  if (result.resources === 0 && result.findings.length === 0)
    io.warn(
      `verify: no Kubernetes, Crossplane, CloudFormation or Terraform resources found in ${paths.join(', ')}`,
    );
  return result.errors > 0 ? 4 : 0;
}
