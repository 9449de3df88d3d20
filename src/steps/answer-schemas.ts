import { z } from 'zod';
import { toWireSchema, type JsonSchema } from '../../providers/json-schema.js';
import { OUTPUT_SCHEMA_BY_NAME } from '../pipeline/output-schemas.js';
import type { ANSWER_KINDS } from './step-book.js';

/** The user's answer to a clarifying question, relayed by the host agent. */
export const QuestionAnswerSchema = z.object({
  answer: z
    .string()
    .describe("the user's answer, in their words; empty to let the engineer choose a default"),
});

/** The zod schema each answer kind must meet: the personas' own output schemas, plus the question answer. */
export const ANSWER_SCHEMAS: Record<(typeof ANSWER_KINDS)[number], z.ZodObject> = {
  ...OUTPUT_SCHEMA_BY_NAME,
  answer: QuestionAnswerSchema,
};

/** The JSON Schema the host agent's answer must meet (the same conversion the API adapters use). */
export function answerJsonSchema(kind: (typeof ANSWER_KINDS)[number]): JsonSchema {
  return toWireSchema(ANSWER_SCHEMAS[kind], { strict: false }).schema;
}
