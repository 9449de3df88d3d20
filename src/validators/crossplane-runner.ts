import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { parseBoundedYaml } from '../iac/yaml/alias-limits.js';
import { findSharedDirectory, locateCrds } from './crd-locator.js';
import { CROSSPLANE_IMAGE, developmentFunction, prefillCache } from './crossplane-offline.js';
import {
  compositionFor,
  pipelineFunctionNames,
  readCrossplaneFiles,
  type ManifestDocument,
} from './crossplane-files.js';
import { startFunction } from './function-server.js';
import { locateTool, type LocatedTool } from './located-tool.js';
import { runTool } from './run-tool.js';
import { toolMissing, type ValidatorOutcome, type ValidatorRunner } from './runner.js';
import { toolVariables } from './validator-environment.js';
import { formatValidatorFailure } from './validator-error.js';

const groupKinds = (texts: string[]): Array<{ group: string; kind: string }> =>
  texts
    .flatMap((text) =>
      parseBoundedYaml(text).values.map((value) => value as { apiVersion?: string; kind?: string } | null),
    )
    .filter(
      (body): body is { apiVersion: string; kind: string } =>
        typeof body?.apiVersion === 'string' &&
        body.apiVersion.includes('/') &&
        typeof body.kind === 'string',
    )
    .map((body) => ({ group: body.apiVersion.split('/')[0], kind: body.kind }));

const failed = (
  tool: LocatedTool,
  step: string,
  run: Awaited<ReturnType<typeof runTool>>,
  ran: string[],
): ValidatorOutcome => ({
  status: 'failed',
  summary: `${tool.label} ${step} exited with code ${run.exitCode ?? 'unknown'}`,
  output: formatValidatorFailure({ tool: tool.name, version: tool.version, run }),
  ran,
});

/** `crossplane render` with function-go-templating run locally, then `crossplane beta validate` against ../shared CRDs, offline. */
export const crossplaneRunner: ValidatorRunner = async ({ input, environment, pinned }) => {
  const crank = await locateTool('crank', pinned, environment, input.projectRoot);
  const templating = await locateTool('function-go-templating', pinned, environment, input.projectRoot);
  if ('missing' in crank) {
    const outcome = toolMissing(crank.missing, 'crossplane render and crossplane beta validate cannot run');
    if (!('missing' in templating)) return outcome;
    // Both are missing: one command installs both, so the track is not blocked again by the second.
    return {
      ...outcome,
      summary: `${outcome.summary}; ${templating.missing.name} ${templating.missing.pinnedVersion} is not installed either`,
      installHint: `${crank.missing.installCommand} && ${templating.missing.installCommand}`,
    };
  }
  if ('missing' in templating)
    return toolMissing(templating.missing, 'the Composition pipeline cannot be rendered locally');
  const sharedDirectory = findSharedDirectory(input.projectRoot, environment.sharedDirectory);
  if (!sharedDirectory) {
    return {
      status: 'unavailable',
      summary: 'the provider CRDs (shared/crds) were not found beside the project',
      installHint: 'set INFRAKIT_SHARED_DIR to the folder that holds crds/',
      ran: [],
    };
  }
  const files = await readCrossplaneFiles(input.projectRoot, input.files);
  if (files.problems.length)
    return {
      status: 'failed',
      summary: 'YAML syntax errors stop render',
      output: files.problems.join('\n'),
      ran: [],
    };
  if (!files.xrds.length || !files.compositions.length || !files.composites.length) {
    return {
      status: 'failed',
      summary: 'crossplane render needs an XRD, a Composition and an example XR among the generated files',
      ran: [],
    };
  }
  const functionNames = [...new Set(files.compositions.flatMap(pipelineFunctionNames))];
  const unsupported = functionNames.filter((name) => !name.includes('go-templating'));
  if (unsupported.length) {
    return {
      status: 'unavailable',
      summary: `no local runtime for function(s) ${unsupported.join(', ')}: only function-go-templating runs offline`,
      ran: [],
    };
  }
  const variables = toolVariables(environment, input.projectRoot);
  const options = {
    cwd: input.projectRoot,
    variables,
    timeoutMs: environment.timeoutMs,
    signal: input.signal,
  };
  const scratch = await mkdtemp(join(environment.temporaryDirectory ?? tmpdir(), 'infrakit-xp-'));
  const ran: string[] = [];
  try {
    const rendered = join(scratch, 'resources');
    await mkdir(rendered);
    const server = await startFunction(templating.tool.path, variables);
    ran.push(`${templating.tool.label}: --insecure --address ${server.target}`);
    try {
      const functionsFile = join(scratch, 'functions.yaml');
      const version = templating.tool.version ?? pinned['function-go-templating'].version;
      await writeFile(
        functionsFile,
        functionNames
          .map((name) => stringify(developmentFunction(name, server.target, version)))
          .join('---\n'),
      );
      let index = 0;
      for (const composite of files.composites) {
        const composition = compositionFor(composite, files.compositions);
        if (!composition)
          return {
            status: 'failed',
            summary: `no Composition's compositeTypeRef matches ${composite.apiVersion} ${composite.kind} (${composite.file})`,
            ran,
          };
        const xrd = files.xrds.find(
          (candidate) =>
            (candidate.body.spec as { names?: { kind?: string } }).names?.kind === composite.kind,
        ) as ManifestDocument;
        for (const observed of [undefined, ...files.observedFiles]) {
          const args = [
            'render',
            composite.file,
            composition.file,
            functionsFile,
            '--include-full-xr',
            `--xrd=${xrd.file}`,
          ];
          if (observed) args.push(`--observed-resources=${observed}`);
          const run = await runTool(crank.tool.path, args, options);
          ran.push(
            `${crank.tool.label}: render ${basename(composite.file)}${observed ? ` with ${basename(observed)}` : ''}`,
          );
          if (run.exitCode !== 0) return failed(crank.tool, 'render', run, ran);
          await writeFile(join(rendered, `rendered-${index++}.yaml`), run.stdout);
        }
      }
    } finally {
      await server.stop();
    }
    for (const document of [...files.compositions, ...files.claims, ...files.others]) {
      await writeFile(
        join(rendered, `source-${basename(document.file, '.yaml')}-${document.kind}-${document.name}.yaml`),
        stringify(document.body),
      );
    }
    const extensions = join(scratch, 'extensions');
    await mkdir(extensions);
    for (const xrd of files.xrds)
      await cp(resolve(input.projectRoot, xrd.file), join(extensions, `xrd-${basename(xrd.file)}`));
    const renderedTexts = await Promise.all(
      (await readdir(rendered)).map((name) => readFile(join(rendered, name), 'utf8')),
    );
    const xrdGroups = new Set(files.xrds.map((xrd) => (xrd.body.spec as { group?: string }).group));
    const wanted = groupKinds(renderedTexts).filter(
      (entry) => !xrdGroups.has(entry.group) && !entry.group.endsWith('crossplane.io'),
    );
    const crds = await locateCrds(sharedDirectory, wanted, scratch, variables);
    for (const file of crds.files) await cp(file, join(extensions, basename(file)));
    const cacheDirectory = join(scratch, 'cache');
    await prefillCache(sharedDirectory, cacheDirectory);
    const validateArgs = [
      'beta',
      'validate',
      extensions,
      rendered,
      `--cache-dir=${cacheDirectory}`,
      `--crossplane-image=${CROSSPLANE_IMAGE}`,
      '--error-on-missing-schemas',
      '--skip-success-results',
    ];
    const validate = await runTool(crank.tool.path, validateArgs, options);
    ran.push(
      `${crank.tool.label}: beta validate (${crds.files.length} provider CRD(s) from ${sharedDirectory}, cache pre-filled for ${CROSSPLANE_IMAGE})`,
    );
    if (validate.exitCode !== 0) {
      const outcome = failed(crank.tool, 'beta validate', validate, ran);
      const note = crds.missing.length
        ? `\n\nno CRD in ${sharedDirectory}/crds for: ${crds.missing.join(', ')}`
        : '';
      return { ...outcome, output: `${outcome.output}${note}` };
    }
    return {
      status: 'passed',
      summary: `${crank.tool.label} render and beta validate passed for ${files.composites.length} example XR(s)`,
      output: validate.stdout || undefined,
      ran,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
};
