import type { IacTool, MandatoryTag } from '../constraints/schema.js';
import type { SetupAnswers } from './answers-schema.js';
import { applyContextAnswers, type ContextAndTags } from './apply-context.js';
import type { Choice, Question } from './question.js';

/** For a tag key that is new in the answers: where its value comes from, and the name or value. */
export function newTagQuestions(
  key: string,
  current: ContextAndTags,
  answers: SetupAnswers,
  iac: IacTool,
): Array<Question<SetupAnswers>> {
  const replaceTag = (state: SetupAnswers, fields: Partial<MandatoryTag>): SetupAnswers => ({
    ...state,
    tags: (state.tags ?? []).map((tag) => {
      const existing = typeof tag === 'string' ? { key: tag } : tag;
      return existing.key === key ? { ...existing, ...fields } : tag;
    }),
  });
  const sourceNow = (state: SetupAnswers) =>
    (applyContextAnswers(current, state, iac).tagging as { tags: MandatoryTag[] }).tags.find(
      (tag) => tag.key === key,
    );
  const sources: Choice[] =
    iac === 'terraform'
      ? [
          { value: 'variable', name: 'a module variable' },
          { value: 'constant', name: 'a fixed value' },
        ]
      : iac === 'cloudformation'
        ? [
            { value: 'parameter', name: 'a template parameter' },
            { value: 'constant', name: 'a fixed value' },
          ]
        : [
            { value: 'parameter', name: 'an XR parameter' },
            { value: 'label', name: 'a label on the XR' },
            { value: 'constant', name: 'a fixed value' },
          ];
  return [
    {
      kind: 'select',
      id: `tags[${key}].source`,
      message: `Tag "${key}": where does its value come from?`,
      choices: sources,
      default: sources[0].value,
      apply: (state, value) => replaceTag(state, { source: value as MandatoryTag['source'] }),
    },
    {
      kind: 'input',
      id: `tags[${key}].from`,
      message: `Tag "${key}": the parameter, label or variable (or the fixed value)`,
      default: sourceNow(answers)?.from ?? '',
      validate: (value) => (value.trim() ? true : 'expected a name or value'),
      apply: (state, value) => {
        const tag = sourceNow(state);
        return replaceTag(
          state,
          tag?.source === 'constant' ? { value: value.trim() } : { from: value.trim() },
        );
      },
    },
  ];
}
