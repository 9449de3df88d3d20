import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { ModelRequest, ModelResponse } from '../../providers/types.js';
import { loadConstraints } from '../../src/constraints/load.js';
import { callPersona } from '../../src/pipeline/call-persona.js';
import { loadPersonas } from '../../src/personas/load.js';
import { trackTotals } from '../../src/tracks/ledger.js';
import { fakeDeps } from './fake-deps.js';
import { createFixtureProject } from './fixture-project.js';

const usage = {
  inputTokens: 10,
  outputTokens: 5,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  model: 'm',
  provider: 'p',
  latencyMs: 1,
};

describe('IaC Engineer tool loop', () => {
  it('lets the model call the lookup tools without forced output, then asks for the structured answer', async () => {
    const root = createFixtureProject();
    const seen: ModelRequest[] = [];
    const { deps } = fakeDeps(root);
    deps.modelFor = () => ({
      specificationVersion: 1,
      provider: 'p',
      modelId: 'm',
      async generate<T>(request: ModelRequest<T>): Promise<ModelResponse<T>> {
        seen.push(
          structuredClone({
            ...request,
            output: request.output?.name,
            tools: request.tools?.map((tool) => tool.name),
          }) as never,
        );
        if (seen.length === 1) {
          return {
            text: '',
            toolCalls: [{ type: 'tool_call', id: 'c1', name: 'describe_field', input: { path: 'spec.x' } }],
            stopReason: 'tool_use',
            usage,
          };
        }
        if (seen.length === 2) return { text: 'verified', toolCalls: [], stopReason: 'end', usage };
        return {
          text: '{}',
          data: { files: [{ path: 'a.yaml', content: 'x' }], notes: '' } as T,
          toolCalls: [],
          stopReason: 'end',
          usage,
        };
      },
    });
    const inputs: unknown[] = [];
    const tools = [
      {
        definition: { name: 'describe_field', description: 'd', parameters: z.object({ path: z.string() }) },
        run: async (input: unknown) => (inputs.push(input), 'FIELD-DOC'),
      },
    ];
    const personas = await loadPersonas(deps.personasDir);
    const session = {
      deps,
      constraints: await loadConstraints(root),
      personas,
      meta: {
        track: 't-20260101-000000',
        name: 't',
        tool: 'crossplane' as const,
        request: 'r',
        createdAt: '',
        reviewerIds: ['architect'],
        codeDirectory: 'compositions/t',
      },
    };
    const { CodeSchema } = await import('../../src/pipeline/output-schemas.js');
    const result = await callPersona(
      session,
      personas.find((persona) => persona.id === 'iac-engineer')!,
      { step: 'code T1', instruction: 'write', output: { name: 'code', schema: CodeSchema }, tools },
    );
    expect(result.files[0].path).toBe('a.yaml');
    expect(inputs).toEqual([{ path: 'spec.x' }]);
    expect(seen.map((request) => [request.output, request.tools])).toEqual([
      [undefined, ['describe_field']],
      [undefined, ['describe_field']],
      ['code', undefined],
    ]);
    expect(JSON.stringify(seen[1].messages)).toContain('FIELD-DOC');
    expect(JSON.stringify(seen[2].messages)).toContain('final answer as the code structured output');
    expect((await trackTotals(root, 't-20260101-000000')).calls).toBe(3);
  });
});
