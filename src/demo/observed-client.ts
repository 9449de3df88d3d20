import type { ModelClient, ModelRequest, ModelResponse } from '../../providers/types.js';
import type { CodeResult, PlanResult, ReviewResult } from '../pipeline/output-schemas.js';
import type { Persona } from '../personas/schema.js';
import type { DemoListener } from './demo-events.js';

/**
 * Wraps a persona's model client so that each structured answer is reported as a demo event the
 * moment the pipeline receives it. Questions are reported with their answer (see run-demo.ts).
 * `counter` is shared by every client of one run: each persona call gets a fresh client.
 */
export function observedClient(
  client: ModelClient,
  persona: Persona,
  listener: DemoListener,
  counter: { codeCalls: number },
): ModelClient {
  return {
    specificationVersion: client.specificationVersion,
    provider: client.provider,
    modelId: client.modelId,
    async generate<T>(request: ModelRequest<T>): Promise<ModelResponse<T>> {
      const response = await client.generate(request);
      const name = request.output?.name;
      const data = response.data as unknown;
      if (data === undefined) return response;
      if (name === 'clarify') {
        const spec = (data as { spec: string | null }).spec;
        if (spec) listener({ kind: 'spec', persona: persona.title, spec, file: 'spec.md' });
      } else if (name === 'review') {
        listener({
          kind: 'review',
          persona: persona.title,
          reviewer: persona.id,
          review: data as ReviewResult,
        });
      } else if (name === 'plan') {
        const plan = data as PlanResult;
        listener({ kind: 'plan', persona: persona.title, plan: plan.plan, tasks: plan.tasks });
      } else if (name === 'code') {
        const code = data as CodeResult;
        const repair = JSON.stringify(request.messages[0]?.content ?? '').includes('Repair round');
        if (!repair) counter.codeCalls += 1;
        listener({
          kind: 'code',
          persona: persona.title,
          task: counter.codeCalls,
          repair,
          files: code.files.map((file) => ({
            path: file.path,
            lines: file.content.trimEnd().split('\n').length,
          })),
          notes: code.notes,
        });
      }
      return response;
    },
  };
}
