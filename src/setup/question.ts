/** A choice in a select or checkbox question. */
export interface Choice<Value extends string = string> {
  value: Value;
  name: string;
  description?: string;
}

interface QuestionBase<Answers, Value> {
  /** The answers-file key this question fills, e.g. `environments[prod].encryptionAtRest`. */
  id: string;
  message: string;
  /** Folds the person's answer into the answers so far. Pure. */
  apply(answers: Answers, value: Value): Answers;
}

/** One interview question, independent of any prompt library. */
export type Question<Answers> =
  | (QuestionBase<Answers, string> & { kind: 'select'; choices: Choice[]; default: string })
  | (QuestionBase<Answers, string> & {
      kind: 'input';
      default: string;
      validate(value: string): true | string;
    })
  | (QuestionBase<Answers, string[]> & { kind: 'checkbox'; choices: Array<Choice & { checked: boolean }> })
  | (QuestionBase<Answers, boolean> & { kind: 'confirm'; default: boolean });

/** Splits "dev, staging ,prod" into ["dev", "staging", "prod"]. */
export const splitCommaList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Splits a list typed as `a, b c` on commas and whitespace. */
export const splitList = (value: string): string[] =>
  value
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter(Boolean);

/** A validator for whole numbers of minutes. */
export const validateMinutes = (value: string): true | string =>
  /^\d+$/.test(value.trim()) ? true : 'expected a whole number of minutes, e.g. 15';

/** Turns a zod safeParse into a prompt validator that shows the schema's own message. */
export const fromSchema =
  (check: (value: string) => { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  (value: string): true | string => {
    const result = check(value.trim());
    return result.success ? true : (result.error?.issues[0]?.message ?? 'invalid');
  };
