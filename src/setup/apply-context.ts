import type { Context, Environment, IacTool, MandatoryTag, Tagging } from '../constraints/schema.js';
import type { EnvironmentAnswer, SetupAnswers, TagAnswer } from './answers-schema.js';
import { defaultBaseline } from './baselines.js';
import { defaultTagSource } from './tag-defaults.js';

/** The context and tagging front matter that `infrakit setup` writes. */
export interface ContextAndTags {
  context: Context;
  tagging: Tagging;
}

/**
 * Applies answers to the current front matter. Pure: what the answers leave out keeps its value; a new
 * environment starts from a baseline chosen by its name; a new tag gets the tool's usual source.
 * The result is unvalidated input for the zod schemas (the caller validates it).
 */
export function applyContextAnswers(
  current: ContextAndTags,
  answers: SetupAnswers,
  iac: IacTool,
): { context: unknown; tagging: unknown } {
  const context = current.context;
  const environments = answers.environments
    ? answers.environments.map((answer) => mergeEnvironment(context.environments, answer))
    : context.environments;
  const naming =
    typeof answers.naming === 'string'
      ? { ...context.naming, pattern: answers.naming }
      : { ...context.naming, ...answers.naming };
  const nextContext = {
    ...context,
    ...(answers.provider && { provider: answers.provider }),
    ...(answers.region && { region: answers.region }),
    naming,
    environments,
    ...(answers.compliance && { compliance: answers.compliance }),
    ...(answers.network && { network: { ...context.network, ...answers.network } }),
    ...(answers.resilience && { resilience: { ...context.resilience, ...answers.resilience } }),
    ...(answers.crossplane && {
      crossplane: { version: 'v2', ...context.crossplane, ...answers.crossplane },
    }),
  };
  const switchedModel =
    answers.crossplane?.version !== undefined &&
    answers.crossplane.version !== (context.crossplane?.version ?? 'v2');
  const tags = answers.tags
    ? answers.tags.map((answer) => mergeTag(current.tagging.tags, answer, iac))
    : switchedModel
      ? ownerTagsFor(answers.crossplane?.version ?? 'v2', current.tagging.tags)
      : current.tagging.tags;
  const environmentNames = environments.map((environment) => environment.name);
  const syncedTags = tags.map((tag) =>
    tag.key === 'environment' && tag.allowed && answers.environments
      ? { ...tag, allowed: environmentNames }
      : tag,
  );
  return { context: nextContext, tagging: { ...current.tagging, tags: syncedTags } };
}

function mergeEnvironment(existing: readonly Environment[], answer: EnvironmentAnswer): Environment {
  const fields = typeof answer === 'string' ? { name: answer } : answer;
  const known = existing.find((environment) => environment.name === fields.name);
  const base: Environment = known ?? { name: fields.name, ...defaultBaseline(fields.name) };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return { ...base, ...defined } as Environment;
}

function mergeTag(existing: readonly MandatoryTag[], answer: TagAnswer, iac: IacTool): MandatoryTag {
  const fields = typeof answer === 'string' ? { key: answer } : answer;
  const known = existing.find((tag) => tag.key === fields.key);
  const base: MandatoryTag = known ?? { key: fields.key, ...defaultTagSource(iac, fields.key) };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  const merged = { ...base, ...defined } as MandatoryTag;
  // A source change drops the field that belonged to the old source.
  if (merged.source === 'constant') delete merged.from;
  else delete merged.value;
  return merged;
}

const COMPOSITE_TAG: MandatoryTag = {
  key: 'crossplane.io/composite',
  source: 'label',
  from: 'crossplane.io/composite',
  description: 'Name of the composite resource (XR) that owns the resource; Crossplane sets the label.',
};
const CLAIM_TAGS: MandatoryTag[] = [
  {
    key: 'crossplane.io/claim-name',
    source: 'label',
    from: 'crossplane.io/claim-name',
    description: 'Name of the claim that asked for the resource; Crossplane sets the label on the composite.',
  },
  {
    key: 'crossplane.io/claim-namespace',
    source: 'label',
    from: 'crossplane.io/claim-namespace',
    description: 'Namespace of the claim; Crossplane sets the label on the composite.',
  },
];

/**
 * The owner tags follow the Crossplane model when it changes and the answers leave the tags alone:
 * v2 XRs carry `crossplane.io/composite`; v1 claims carry `claim-name` and `claim-namespace`.
 */
function ownerTagsFor(version: 'v1' | 'v2', tags: readonly MandatoryTag[]): MandatoryTag[] {
  const isOwnerTag = (tag: MandatoryTag) =>
    tag.key === COMPOSITE_TAG.key || CLAIM_TAGS.some((claim) => claim.key === tag.key);
  const position = tags.findIndex(isOwnerTag);
  if (position === -1) return [...tags];
  const replacement = version === 'v1' ? CLAIM_TAGS : [COMPOSITE_TAG];
  const rest = tags.filter((tag) => !isOwnerTag(tag));
  return [...rest.slice(0, position), ...replacement, ...rest.slice(position)];
}
