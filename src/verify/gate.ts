import type { Gate, GateInput, GateResult } from '../gate/types.js';
import { SchemaStore } from '../schemas/store.js';
import { verifyPaths } from './verify-paths.js';
import { fixLine } from '../schemas/discover/schema-roles.js';
import { uncheckedFix } from './nothing-checked.js';
import { againstProjectXrds } from './verify-summary.js';

/** Options for the verify gate (injected in tests). */
export interface VerifyGateOptions {
  cacheDirectory?: string;
}

const INSTALL_HINT: Record<GateInput['tool'], string> = {
  crossplane: fixLine(['crossplane-core', 'crossplane-aws']),
  terraform: fixLine(['terraform-aws']),
  cloudformation:
    'npm install @aws-cdk/aws-service-spec   (the CloudFormation resource specification ships with infrakit)',
};

/** Builds the field verification gate: every generated file against the provider's own schema. */
export function createVerifyGate(options: VerifyGateOptions = {}): Gate {
  return async (input) => {
    if (input.files.length === 0)
      return { gate: 'verify', status: 'failed', summary: 'verify: no generated files to verify' };
    let store: SchemaStore;
    try {
      store = await SchemaStore.open(input.projectRoot, { cacheDirectory: options.cacheDirectory });
      if (input.tool === 'cloudformation') await store.ensureCloudFormation();
    } catch (error) {
      return unavailable(
        input,
        `verify: the schema store could not be loaded (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const result = await verifyPaths(input.files, { projectRoot: input.projectRoot, store });
    // Nothing checked against an imported or built-in schema (the project's own XRDs do not count):
    // the gate could not run, and says the one command that imports what is missing.
    if (
      result.checkable > 0 &&
      result.errors === 0 &&
      result.checked.length === againstProjectXrds(result.checked)
    )
      return unavailable(
        input,
        `verify: no schema is imported for the kinds of the ${result.checkable} generated resource${result.checkable === 1 ? '' : 's'}, so none could be verified`,
        uncheckedFix(result.findings),
      );
    if (result.resources === 0 && result.findings.length === 0)
      return {
        gate: 'verify',
        status: 'failed',
        summary: `verify: no resources found in ${input.files.length} generated file(s)`,
      };
    const ran = [
      ...new Set(result.checked.map((checked) => `${checked.source.name} ${checked.source.version}`)),
    ];
    const status: GateResult['status'] = result.errors > 0 ? 'failed' : 'passed';
    return {
      gate: 'verify',
      status,
      summary: result.summary,
      findings: result.findings,
      ran: ran.length ? ran : undefined,
    };
  };
}

function unavailable(input: GateInput, summary: string, fix?: string): GateResult {
  return { gate: 'verify', status: 'unavailable', summary, installHint: fix || INSTALL_HINT[input.tool] };
}

/** Field verification gate with the user cache from the environment. */
export const verifyGate: Gate = createVerifyGate();
