import { contentText, newLines } from './request-tokens.js';

/** One isolated call as the mock recorded it (Anthropic wire), with the structured answer it got. */
export interface IsolatedCall {
  persona: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** The JSON answer the mock gave, appended as the assistant turn of the conversation. */
  answer: unknown;
}

/** One request of the growing-conversation baseline, ready to send to the mock. */
export interface ConversationTurn {
  persona: string;
  system: string;
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
  /** The forced output tool of the isolated call it stands for (same schema, same tool tokens). */
  tools: unknown[];
  toolChoice: unknown;
  answer: unknown;
}

function systemText(body: { system?: string | Array<{ text?: string }> }): string {
  if (typeof body.system === 'string') return body.system;
  return (body.system ?? []).map((block) => block.text ?? '').join('\n\n');
}

/**
 * Replays the isolated calls, in order, as one growing conversation, the way an agent relay works:
 * the first system prompt is kept; each later call adds one user turn holding the lines of its own
 * system prompt and user message that the conversation does not already contain, then the answer it
 * got as an assistant turn. Each turn re-sends everything before it.
 */
export function growingConversation(calls: readonly IsolatedCall[]): ConversationTurn[] {
  const seen = new Set<string>();
  const turns: ConversationTurn[] = [];
  const messages: Array<{ role: 'user' | 'assistant'; content: string }> = [];
  let system = '';
  calls.forEach((call, index) => {
    const ownSystem = systemText(call.body);
    const userText = (call.body.messages ?? [])
      .map((message: { content: unknown }) => contentText(message.content))
      .join('\n\n');
    let turnText: string;
    if (index === 0) {
      system = newLines(ownSystem, seen);
      turnText = newLines(userText, seen);
    } else {
      turnText = newLines(`# Now acting as ${call.persona}\n\n${ownSystem}\n\n${userText}`, seen);
    }
    messages.push({ role: 'user', content: turnText || `Continue as ${call.persona}.` });
    turns.push({
      persona: call.persona,
      system,
      messages: messages.map((message) => ({ ...message })),
      tools: call.body.tools ?? [],
      toolChoice: call.body.tool_choice,
      answer: call.answer,
    });
    messages.push({
      role: 'assistant',
      content: typeof call.answer === 'string' ? call.answer : JSON.stringify(call.answer),
    });
  });
  return turns;
}
