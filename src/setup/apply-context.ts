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
  const tags = answers.tags
    ? answers.tags.map((answer) => mergeTag(current.tagging.tags, answer, iac))
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
