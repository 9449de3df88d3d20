import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toWireSchema } from '../../providers/json-schema.js';
import { checkStructuredAnswer } from '../../providers/structured-output.js';

describe('structured output schemas', () => {
  const schema = z.object({
    name: z.string(),
    tags: z.array(z.object({ key: z.string(), value: z.string().optional() })),
    note: z.string().optional(),
  });

  it('makes every object strict: all properties required, optional ones nullable, no extras', () => {
    const { schema: strict, wrapped } = toWireSchema(schema, { strict: true });
    expect(wrapped).toBe(false);
    expect(strict).toMatchObject({ required: ['name', 'tags', 'note'], additionalProperties: false });
    expect((strict.properties as Record<string, unknown>).note).toEqual({
      anyOf: [{ type: 'string' }, { type: 'null' }],
    });
    const item = (strict.properties as Record<string, { items: Record<string, unknown> }>).tags.items;
    expect(item).toMatchObject({ required: ['key', 'value'], additionalProperties: false });
    expect(JSON.stringify(strict)).not.toContain('$schema');
  });

  it('accepts the nulls strict mode produces for optional fields', () => {
    const check = checkStructuredAnswer(
      '{"name":"a","tags":[{"key":"k","value":null}],"note":null}',
      schema,
      false,
    );
    expect(check).toEqual({ ok: true, data: { name: 'a', tags: [{ key: 'k' }] } });
  });

  it('wraps a non-object root as { value } and unwraps the answer', () => {
    const list = z.array(z.string());
    const wire = toWireSchema(list, { strict: true });
    expect(wire.wrapped).toBe(true);
    expect(wire.schema.required).toEqual(['value']);
    expect(checkStructuredAnswer('{"value":["a"]}', list, true)).toEqual({ ok: true, data: ['a'] });
  });

  it('tells invalid JSON from a schema mismatch', () => {
    expect(checkStructuredAnswer('{"name": "a', schema, false)).toMatchObject({
      ok: false,
      reason: 'invalid_json',
    });
    expect(checkStructuredAnswer('{"name": 1, "tags": []}', schema, false)).toMatchObject({
      ok: false,
      reason: 'schema_invalid',
      message: expect.stringContaining('name:'),
    });
  });
});
