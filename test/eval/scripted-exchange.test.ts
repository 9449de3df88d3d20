import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClarifySchema, CodeSchema, PlanSchema, ReviewSchema } from '../../src/pipeline/output-schemas.js';
import { loadEvalCases } from '../../src/eval/load-cases.js';
import { scriptedAnswerFor } from '../../src/eval/pipeline-runner.js';
import {
  SCRIPTED_LABEL,
  loadScriptedExchange,
  requestedOutputName,
  scriptedAnswer,
} from '../../src/eval/scripted-exchange.js';

const root = join(import.meta.dirname, '..', '..', 'eval');

describe('scripted exchanges', () => {
  it('exist for every case, match the persona output schemas and carry the scripted label', async () => {
    const cases = await loadEvalCases(join(root, 'cases'));
    for (const evalCase of cases) {
      const exchange = await loadScriptedExchange(evalCase, join(root, 'scripted'));
      expect(exchange.clarify).toHaveLength(evalCase.answers.length + 1);
      for (const step of exchange.clarify) expect(ClarifySchema.safeParse(step).success).toBe(true);
      expect(ReviewSchema.safeParse(exchange.review).success).toBe(true);
      expect(PlanSchema.safeParse(exchange.plan).success).toBe(true);
      expect(CodeSchema.safeParse(exchange.code).success).toBe(true);
      expect(exchange.code.notes).toBe(SCRIPTED_LABEL);
      expect(exchange.clarify.at(-1)?.spec).toContain(SCRIPTED_LABEL);
    }
  });

  it('answers by requested output name, clarify answers in order', async () => {
    const [evalCase] = await loadEvalCases(join(root, 'cases'));
    const exchange = await loadScriptedExchange(evalCase, join(root, 'scripted'));
    expect(requestedOutputName({ tool_choice: { type: 'tool', name: 'plan' } })).toBe('plan');
    expect(requestedOutputName({ response_format: { json_schema: { name: 'code' } } })).toBe('code');
    expect(scriptedAnswer(exchange, 'plan', 'iac-engineer', 0)).toBe(exchange.plan);
    expect(scriptedAnswer(exchange, 'clarify', 'solutions-engineer', 1)).toBe(exchange.clarify[1]);
    expect(scriptedAnswer(exchange, 'clarify', 'solutions-engineer', 99)).toBe(exchange.clarify.at(-1));
    expect(scriptedAnswer(exchange, undefined, 'architect', 0)).toBe(exchange.review);
  });

  it('answers a question by key, then by position, then with no preference', async () => {
    const [evalCase] = await loadEvalCases(join(root, 'cases'));
    const second = evalCase.answers[1];
    expect(scriptedAnswerFor(evalCase, { key: second.key, text: 'x', options: [] }, 1)).toBe(second.answer);
    expect(scriptedAnswerFor(evalCase, { key: 'unknown_key', text: 'x', options: [] }, 1)).toBe(
      evalCase.answers[0].answer,
    );
    expect(scriptedAnswerFor(evalCase, { key: 'unknown_key', text: 'x', options: [] }, 40)).toMatch(
      /^No preference/,
    );
  });
});
