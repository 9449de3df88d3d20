import type { Context, Environment } from '../constraints/schema.js';
import type { ParsedSource } from '../iac/resource-model.js';
import { asRecord, readPath } from './values.js';

/** The environment the policy judges a source in, and how it was chosen. */
export interface ResolvedEnvironment {
  environment: Environment;
  /** `option`: --env or the track; `template`: a parameter/variable; `strictest`: unknown. */
  origin: 'option' | 'template' | 'strictest';
  /** One sentence a finding can quote, e.g. `parameter Environment allows dev, prod: the strictest, prod, applies`. */
  reason: string;
}

export const ENVIRONMENT_INPUT =
  /^(env|environment|stage|deployment[-_]?environment|target[-_]?environment)$/i;

/** The strictest environment: highest `strictness`, else the last one listed. */
export function strictestEnvironment(environments: Environment[]): Environment {
  return environments.reduce((best, candidate, index) => {
    const rank = (environment: Environment, position: number) =>
      (environment.strictness ?? position + 1) * 1000 + position;
    return rank(candidate, index) >= rank(best, environments.indexOf(best)) ? candidate : best;
  }, environments[0]);
}

const lastSegment = (name: string): string => name.split('.').pop() ?? name;

/**
 * Chooses the environment: the option (--env or the track) wins; then an input named like
 * `Environment` (its allowed values, strictest first, else its default); else the strictest.
 */
export function resolveEnvironment(
  parsed: ParsedSource,
  context: Context,
  requested?: string,
): ResolvedEnvironment {
  const environments = context.environments;
  const byName = (name: unknown) =>
    environments.find((environment) => environment.name === String(name).toLowerCase());
  const strictest = strictestEnvironment(environments);
  if (requested !== undefined) {
    const chosen = byName(requested);
    if (chosen)
      return { environment: chosen, origin: 'option', reason: `environment ${chosen.name} was given` };
    return {
      environment: strictest,
      origin: 'strictest',
      reason: `environment "${requested}" is not one of ${environments.map((environment) => environment.name).join(', ')}; the strictest, ${strictest.name}, applies`,
    };
  }
  for (const input of [...parsed.inputs, ...definitionInputs(parsed)]) {
    if (!ENVIRONMENT_INPUT.test(lastSegment(input.name))) continue;
    const allowed = (input.allowed ?? [])
      .map(byName)
      .filter((environment): environment is Environment => environment !== undefined);
    if (allowed.length === 1)
      return {
        environment: allowed[0],
        origin: 'template',
        reason: `input ${input.name} allows only ${allowed[0].name}`,
      };
    if (allowed.length > 1) {
      const chosen = strictestEnvironment(allowed);
      return {
        environment: chosen,
        origin: 'template',
        reason: `input ${input.name} allows ${allowed.map((environment) => environment.name).join(', ')}: the strictest, ${chosen.name}, applies`,
      };
    }
    const fallback = byName(input.default);
    if (fallback)
      return {
        environment: fallback,
        origin: 'template',
        reason: `input ${input.name} defaults to ${fallback.name}`,
      };
  }
  return {
    environment: strictest,
    origin: 'strictest',
    reason: `no environment parameter, variable, track or --env says where this runs: the strictest, ${strictest.name}, applies`,
  };
}

/** Environment-like fields of XRD schemas (`spec.parameters.environment` or `spec.environment`), as inputs. */
export function definitionInputs(parsed: ParsedSource): ParsedSource['inputs'] {
  const inputs: ParsedSource['inputs'] = [];
  for (const resource of parsed.resources) {
    if (resource.kind !== 'CompositeResourceDefinition') continue;
    const versions = readPath(resource.body, 'spec');
    const list = asRecord(versions)?.versions;
    for (const version of Array.isArray(list) ? list : []) {
      const spec = readPath(version, 'schema.openAPIV3Schema.properties.spec.properties');
      const candidates = {
        ...(asRecord(readPath(spec, 'parameters.properties')) ?? {}),
        ...(asRecord(spec) ?? {}),
      };
      for (const [name, raw] of Object.entries(candidates)) {
        const field = asRecord(raw);
        if (!field || !ENVIRONMENT_INPUT.test(name)) continue;
        inputs.push({
          name: `spec.parameters.${name}`,
          location: resource.location,
          ...(field.default !== undefined ? { default: field.default } : {}),
          ...(Array.isArray(field.enum) ? { allowed: field.enum } : {}),
        });
      }
    }
  }
  return inputs;
}
