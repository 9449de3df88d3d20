import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PACK_FORMAT } from '../../src/schemas/pack.js';
import { PackManifestSchema } from '../../src/schemas/pack-schema.js';
import { parsePackManifest } from '../../src/schemas/pack-manifest-parse.js';

/** Mostly the valid value, sometimes any JSON value (or the key left out) in its place. */
const or = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: fc.jsonValue() });
const optional = <T>(valid: fc.Arbitrary<T>) => fc.option(or(valid), { nil: undefined });
/** A record whose keys are sometimes missing, with an unknown key now and then. */
const record = (shape: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .tuple(
      fc.record(shape, { requiredKeys: [] }),
      fc.record(shape),
      fc.boolean(),
      fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
      fc.integer({ min: 0, max: 15 }),
    )
    .map(([partial, complete, dropSome, extra, roll]) => {
      const base = dropSome && roll === 0 ? partial : complete;
      // JSON.parse yields no undefined values: an absent optional key is left out
      const value: Record<string, unknown> = roll === 1 ? { ...extra, ...base } : { ...base };
      for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
      return value;
    });

const version = record({
  name: or(fc.string({ maxLength: 8 })),
  served: or(fc.boolean()),
  storage: or(fc.boolean()),
  deprecated: optional(fc.boolean()),
});
const entry = record({
  key: or(fc.string({ maxLength: 12 })),
  tool: or(fc.constantFrom('kubernetes', 'cloudformation', 'terraform', 'crossplane')),
  group: or(fc.string({ maxLength: 8 })),
  kind: or(fc.string({ maxLength: 8 })),
  scope: optional(fc.constantFrom('Namespaced', 'Cluster', 'namespaced')),
  versions: or(fc.array(version, { maxLength: 3 })),
  file: or(fc.string({ maxLength: 12 })),
  sha256: or(fc.string({ maxLength: 8 })),
});
const manifest = record({
  format: or(fc.constantFrom(PACK_FORMAT, PACK_FORMAT - 1)),
  id: or(fc.string({ maxLength: 8 })),
  source: or(
    record({
      name: or(fc.string({ maxLength: 8 })),
      version: or(fc.string({ maxLength: 8 })),
      tool: or(fc.constantFrom('crossplane', 'kubernetes', 'cloudformation', 'terraform', 'helm')),
      origin: or(fc.string({ maxLength: 8 })),
      sha256: or(fc.string({ maxLength: 8 })),
    }),
  ),
  importMs: optional(fc.double({ noNaN: true, noDefaultInfinity: true })),
  bytes: optional(fc.integer()),
  kinds: or(fc.array(entry, { maxLength: 4 })),
});

/** What readPackManifest returned before: zod's parse, or undefined when it fails. */
const byZod = (raw: unknown) => {
  const parsed = PackManifestSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
};

describe('parsePackManifest (the hand-written check of a cached pack manifest)', () => {
  it('accepts and returns exactly what PackManifestSchema does, keys in the same order', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(manifest, (raw) => {
        // through JSON, as the manifest is read from disk
        const input: unknown = JSON.parse(JSON.stringify(raw));
        const expected = byZod(input);
        const actual = parsePackManifest(input, PACK_FORMAT);
        if (expected) accepted += 1;
        else refused += 1;
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
        return true;
      }),
      { numRuns: 2000, seed: 18 },
    );
    // both outcomes were exercised, many times
    console.info(`pack manifests: ${accepted} accepted, ${refused} refused, both as zod does`);
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it('refuses what is not a manifest object', () => {
    for (const raw of [null, 5, 'manifest', [], [{ format: PACK_FORMAT }]])
      expect(parsePackManifest(raw, PACK_FORMAT)).toBeUndefined();
  });

  it('drops unknown keys and keeps a deprecated version and a scope', () => {
    const raw = {
      extra: true,
      format: PACK_FORMAT,
      id: 'p',
      source: { name: 'n', version: 'v', tool: 'crossplane', origin: 'o', sha256: 's', more: 1 },
      kinds: [
        {
          key: 'g/K',
          tool: 'kubernetes',
          group: 'g',
          kind: 'K',
          scope: 'Cluster',
          versions: [{ name: 'v1', served: true, storage: true, deprecated: true, x: 1 }],
          file: 'kinds/0.json.gz',
          sha256: 'h',
          y: 2,
        },
      ],
    };
    expect(parsePackManifest(raw, PACK_FORMAT)).toEqual(byZod(raw));
    expect(parsePackManifest(raw, PACK_FORMAT)?.kinds[0]).not.toHaveProperty('y');
  });
});
