import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import type { Finding } from '../findings/finding.js';
import { parseText } from '../iac/parse.js';
import { developmentFunction } from '../validators/crossplane-offline.js';
import { startFunction } from '../validators/function-server.js';
import { locateTool } from '../validators/located-tool.js';
import { loadPinnedTools, type PinnedTools } from '../validators/pinned-tools.js';
import { runTool } from '../validators/run-tool.js';
import { toolVariables, type ValidatorEnvironment } from '../validators/validator-environment.js';
import { findRenderInputs, type RenderCase } from './render-inputs.js';
import { verifyParsed, type VerifyOptions } from './verify-paths.js';

/** A binary `--render` needs that is not installed. */
export interface MissingRenderTool {
  name: string;
  binaries: string[];
  installCommand: string;
}

/** One rendered Composition/XR pair and what verify found in its output. */
export interface RenderedCase {
  /** `render of <composition> with <xr>[ and <observed>]`: the file label of its findings. */
  label: string;
  resources: number;
  findings: Finding[];
}

/** The answer of `verify --render`: blocked (a tool is missing or a render failed) or rendered. */
export interface RenderVerifyResult {
  /** True when the requested render could not run for at least one composition. */
  blocked: boolean;
  missing: MissingRenderTool[];
  /** Why a composition was not rendered or a render failed (with the tool's own output). */
  problems: string[];
  rendered: RenderedCase[];
  findings: Finding[];
  /** Which tools ran, with their versions. */
  ran: string[];
}

/** Options for renderAndVerify; the environment is injected so tests can use fake tools. */
export interface RenderVerifyOptions extends VerifyOptions {
  environment: ValidatorEnvironment;
  pinned?: PinnedTools;
}

/** The label that rendered findings carry as their file. */
export const renderLabel = (renderCase: RenderCase): string =>
  `render of ${renderCase.composition.file} with ${renderCase.xr.file}${renderCase.observedFile ? ` and ${renderCase.observedFile}` : ''}`;

const isInput = (renderCase: RenderCase, body: Record<string, unknown>): boolean =>
  body.apiVersion === renderCase.xr.apiVersion && body.kind === renderCase.xr.kind;

/**
 * Renders each Composition in `paths` against its example XR(s) with `crank render` and a locally
 * running function-go-templating, then verifies the composed resources against the schema store.
 */
export async function renderAndVerify(
  paths: readonly string[],
  options: RenderVerifyOptions,
): Promise<RenderVerifyResult> {
  const pinned = options.pinned ?? (await loadPinnedTools());
  const result: RenderVerifyResult = {
    blocked: false,
    missing: [],
    problems: [],
    rendered: [],
    findings: [],
    ran: [],
  };
  const crank = await locateTool('crank', pinned, options.environment, options.projectRoot);
  const templating = await locateTool(
    'function-go-templating',
    pinned,
    options.environment,
    options.projectRoot,
  );
  for (const located of [crank, templating])
    if ('missing' in located)
      result.missing.push({
        name: located.missing.name,
        binaries: located.missing.binaries,
        installCommand: located.missing.installCommand,
      });
  if ('missing' in crank || 'missing' in templating) return { ...result, blocked: true };
  const inputs = await findRenderInputs(options.projectRoot, paths);
  result.problems.push(...inputs.problems);
  if (inputs.cases.length)
    await renderCases(
      inputs.cases,
      inputs.functionNames,
      crank.tool,
      templating.tool,
      options,
      pinned,
      result,
    );
  return { ...result, blocked: result.problems.length > 0 };
}

async function renderCases(
  cases: RenderCase[],
  functionNames: string[],
  crank: { path: string; label: string },
  templating: { path: string; label: string; version?: string },
  options: RenderVerifyOptions,
  pinned: PinnedTools,
  result: RenderVerifyResult,
): Promise<void> {
  const variables = toolVariables(options.environment, options.projectRoot);
  const scratch = await mkdtemp(join(options.environment.temporaryDirectory ?? tmpdir(), 'infrakit-render-'));
  try {
    const server = await startFunction(templating.path, variables);
    result.ran.push(`${templating.label}: --insecure --address ${server.target}`);
    try {
      const functionsFile = join(scratch, 'functions.yaml');
      const version = templating.version ?? pinned['function-go-templating'].version;
      await writeFile(
        functionsFile,
        functionNames
          .map((name) => stringify(developmentFunction(name, server.target, version)))
          .join('---\n'),
      );
      for (const renderCase of cases) {
        const label = renderLabel(renderCase);
        const args = ['render', renderCase.xr.file, renderCase.composition.file, functionsFile];
        if (renderCase.xrdFile) args.push(`--xrd=${renderCase.xrdFile}`);
        if (renderCase.observedFile) args.push(`--observed-resources=${renderCase.observedFile}`);
        const run = await runTool(crank.path, args, {
          cwd: options.projectRoot,
          variables,
          timeoutMs: options.environment.timeoutMs,
        });
        result.ran.push(
          `${crank.label}: render ${basename(renderCase.composition.file)} with ${basename(renderCase.xr.file)}${renderCase.observedFile ? ` and ${basename(renderCase.observedFile)}` : ''}`,
        );
        if (run.exitCode !== 0) {
          const output = [run.failedToStart, run.stderr, run.stdout].filter(Boolean).join('\n').trim();
          result.problems.push(
            `${label}: crank render exited with code ${run.exitCode ?? 'unknown'}:\n${output}`,
          );
          continue;
        }
        await verifyRendered(run.stdout, renderCase, label, options, result);
      }
    } finally {
      await server.stop();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function verifyRendered(
  text: string,
  renderCase: RenderCase,
  label: string,
  options: RenderVerifyOptions,
  result: RenderVerifyResult,
): Promise<void> {
  const parsed = await parseText(text, `${basename(renderCase.xr.file, '.yaml')}.rendered.yaml`);
  const composed = parsed.resources.filter(
    (resource) =>
      !isInput(renderCase, resource.body as Record<string, unknown>) &&
      !String(resource.apiVersion ?? '').startsWith('render.crossplane.io/'),
  );
  const verified = await verifyParsed({ ...parsed, resources: composed }, options);
  const findings = verified.findings.map((finding) => ({
    ...finding,
    message: `${finding.message} (in the output of ${label})`,
    location: { ...finding.location, file: label },
  }));
  result.rendered.push({ label, resources: composed.length, findings });
  result.findings.push(...findings);
}
