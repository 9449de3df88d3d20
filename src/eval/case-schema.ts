import { z } from 'zod';
import { IacToolSchema, expected } from '../constraints/schema.js';

/** One clarifying question the Solutions Engineer is expected to ask, and the scripted answer. */
export const ScriptedAnswerSchema = z.object(
  {
    key: z
      .string({ error: expected('a snake_case key such as purpose') })
      .regex(/^[a-z][a-z0-9_]*$/, { error: 'expected a snake_case key' }),
    question: z.string({ error: expected('the question text') }).min(1),
    answer: z.string({ error: expected('the answer text') }).min(1),
  },
  { error: expected('an object with key, question and answer') },
);
export type ScriptedAnswer = z.infer<typeof ScriptedAnswerSchema>;

/**
 * One eval case (eval/cases/<id>.yaml): a plain request, the tool and environment it targets,
 * and the scripted answers to the Solutions Engineer's clarifying questions, given in order.
 */
export const EvalCaseSchema = z.object(
  {
    id: z.string({ error: expected('a case id such as s3-secure-bucket') }).regex(/^[a-z0-9][a-z0-9-]*$/, {
      error: 'expected a kebab-case id such as s3-secure-bucket',
    }),
    title: z.string({ error: expected('a one-line title') }).min(1),
    tool: IacToolSchema,
    environment: z.string({ error: expected('a target environment such as prod') }).min(1),
    /** The composition, module or stack name handed to the create command. */
    name: z
      .string({ error: expected('a kebab-case name such as orders-keyspace') })
      .regex(/^[a-z][a-z0-9-]*$/, {
        error: 'expected a kebab-case name such as orders-keyspace',
      }),
    request: z.string({ error: expected('the plain request text') }).min(1),
    answers: z
      .array(ScriptedAnswerSchema, { error: expected('a list of { key, question, answer }') })
      .min(1, { error: 'expected at least one answer' }),
    expect: z.object({ resourceTypes: z.array(z.string()).default([]) }).default({ resourceTypes: [] }),
  },
  { error: expected('a case object with id, title, tool, environment, name, request and answers') },
);
export type EvalCase = z.infer<typeof EvalCaseSchema>;
