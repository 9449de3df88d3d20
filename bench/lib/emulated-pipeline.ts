import { z } from 'zod';
import { toWireSchema } from '../../providers/json-schema.js';
import type { Constraints } from '../../src/constraints/load.js';
import type { EvalCase } from '../../src/eval/case-schema.js';
import type { ScriptedExchange } from '../../src/eval/scripted-exchange.js';
import { OUTPUT_SCHEMA_BY_NAME } from '../../src/pipeline/output-schemas.js';
import type { Persona } from '../../src/personas/schema.js';
import type { IsolatedCall } from './growing-conversation.js';
import { postMessages } from './mock-messages.js';

/**
 * The pipeline's isolated calls, built the way src/pipeline/call-persona.ts builds them (persona
 * prompt and constraints as cache-marked system blocks; one user message with the task and only
 * the artifacts the persona `sees`), for when the real pipeline cannot be driven in-process.
 */
export async function emulatedIsolatedCalls(
  mockUrl: string,
  evalCase: EvalCase,
  exchange: ScriptedExchange,
  personas: Persona[],
  constraints: Constraints,
): Promise<IsolatedCall[]> {
  const byId = (id: string) => {
    const found = personas.find((persona) => persona.id === id);
    if (!found) throw new Error(`persona ${id} not found`);
    return found;
  };
  const { context, codingStyle, tagging } = constraints.documents;
  const calls: IsolatedCall[] = [];
  const send = async (
    persona: Persona,
    outputName: keyof typeof OUTPUT_SCHEMA_BY_NAME,
    sections: Array<[string, string]>,
    answer: unknown,
  ) => {
    const system = [{ type: 'text', text: persona.prompt, cache_control: { type: 'ephemeral' } }];
    if (persona.sees.includes('constraints')) {
      system.push({
        type: 'text',
        text: `# Project constraints\n\n${context}\n\n${codingStyle}\n\n${tagging}`,
        cache_control: { type: 'ephemeral' },
      });
    }
    const user = sections.map(([title, content]) => `# ${title}\n\n${content}`).join('\n\n');
    const schema = toWireSchema(OUTPUT_SCHEMA_BY_NAME[outputName] as z.ZodType, { strict: false }).schema;
    const body = {
      system,
      messages: [{ role: 'user', content: user }],
      tools: [
        {
          name: outputName,
          description: `Give your answer by calling ${outputName}. Its input is the whole answer.`,
          input_schema: schema,
        },
      ],
      tool_choice: { type: 'tool', name: outputName },
    };
    await postMessages(mockUrl, persona.id, body);
    calls.push({ persona: persona.id, body, answer });
  };
  const solutions = byId('solutions-engineer');
  let qa = '';
  for (const [index, step] of exchange.clarify.entries()) {
    await send(
      solutions,
      'clarify',
      [
        ['Task', 'Ask the next clarifying question, or write the spec.'],
        ['Request', evalCase.request],
        ['Questions and answers so far', qa],
      ],
      step,
    );
    const answered = evalCase.answers[index];
    if (answered) qa += `${index + 1}. ${answered.question}\n   Answer: ${answered.answer}\n`;
  }
  const spec = exchange.clarify[exchange.clarify.length - 1].spec ?? '';
  for (const reviewer of personas.filter((persona) => persona.stage === 'review')) {
    await send(
      reviewer,
      'review',
      [
        ['Task', 'Review the spec.'],
        ['Spec', spec],
      ],
      exchange.review,
    );
  }
  const engineer = byId('iac-engineer');
  await send(
    engineer,
    'plan',
    [
      ['Task', 'Write the plan and tasks.'],
      ['Request', evalCase.request],
      ['Spec', spec],
    ],
    exchange.plan,
  );
  const tasks = exchange.plan.tasks
    .map((task) => `- ${task.id} ${task.title} (${task.requirements.join(', ')}): ${task.files.join(', ')}`)
    .join('\n');
  await send(
    engineer,
    'code',
    [
      ['Task', 'Write the code for every task.'],
      ['Spec', spec],
      ['Plan', exchange.plan.plan],
      ['Tasks', tasks],
    ],
    exchange.code,
  );
  return calls;
}
