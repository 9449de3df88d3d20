import type { Gate, GateInput, GateResult } from '../gate/types.js';
import { SchemaStore } from '../schemas/store.js';
import { verifyPaths } from './verify-paths.js';
import { VERIFY_RULES } from './verify-finding.js';

/** Options for the verify gate (injected in tests). */
export interface VerifyGateOptions {
  cacheDirectory?: string;
}

const INSTALL_HINT: Record<GateInput['tool'], string> = {
  crossplane:
    'infrakit schemas import <provider CRDs: a directory or .tar.gz>   (e.g. ../shared/crds/provider-upjet-aws-v2.6.0)',
  terraform: 'tofu providers schema -json > aws-schema.json && infrakit schemas import aws-schema.json',
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
    const unverifiable = result.findings.filter((finding) => finding.ruleId === VERIFY_RULES.unverifiable);
    const nothingLoaded =
      store.packs.filter((pack) => pack.source.tool !== 'cloudformation' || input.tool === 'cloudformation')
        .length === 0;
    if (nothingLoaded && result.resources > 0 && unverifiable.length === result.resources) {
      return unavailable(
        input,
        `verify: no ${input.tool} schemas are imported, so none of the ${result.resources} resources could be verified`,
      );
    }
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

function unavailable(input: GateInput, summary: string): GateResult {
  return { gate: 'verify', status: 'unavailable', summary, installHint: INSTALL_HINT[input.tool] };
}

/** Field verification gate with the user cache from the environment. */
export const verifyGate: Gate = createVerifyGate();
