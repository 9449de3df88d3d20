import type { Question } from '../../machines/relay-types.js';
import type { ClientBridge } from './client-bridge.js';

/** The user may take their time over a question. */
const ELICIT_TIMEOUT_MS = 30 * 60_000;

/**
 * Puts a clarifying question to the user through MCP elicitation (a form with one text field).
 * Returns their answer, or undefined when they declined or cancelled the form: the question then
 * comes back to the agent as a step, to be asked in the conversation.
 */
export async function elicitAnswer(
  bridge: ClientBridge,
  question: Question,
  number: number,
  options: { signal?: AbortSignal; relatedRequestId?: string | number } = {},
): Promise<string | undefined> {
  const offered = question.options.length ? `\n\nOptions: ${question.options.join(' | ')}` : '';
  const result = await bridge.elicitInput(
    {
      mode: 'form',
      message: `infrakit, question ${number} from the Solutions Engineer:\n\n${question.text}${offered}`,
      requestedSchema: {
        type: 'object',
        properties: {
          answer: {
            type: 'string',
            title: 'Your answer',
            description: 'In your own words; leave it empty to let the engineer choose a sensible default.',
          },
        },
        required: ['answer'],
      },
    },
    { timeout: ELICIT_TIMEOUT_MS, signal: options.signal, relatedRequestId: options.relatedRequestId },
  );
  if (result.action !== 'accept') return undefined;
  const answer = result.content?.answer;
  return typeof answer === 'string' ? answer : undefined;
}
