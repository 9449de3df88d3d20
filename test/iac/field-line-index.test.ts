import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldLineIndex } from '../../src/iac/field-line-index.js';
import { fieldLinesUnder } from '../../src/iac/kubernetes/manifest-resource.js';

// Path characters that matter to the search: the separators and their neighbours in code-unit order.
const pathText = fc
  .array(fc.constantFrom('A', 'b', 'Z', '.', '[', ']', '/', '\\', '-', '0', '1', 'é'), {
    minLength: 1,
    maxLength: 7,
  })
  .map((characters) => characters.join(''));

describe('FieldLineIndex', () => {
  it('finds the same lines under a prefix as fieldLinesUnder, keys in the same order', () => {
    fc.assert(
      fc.property(
        fc.dictionary(pathText, fc.nat(500), { maxKeys: 30 }),
        fc.array(fc.oneof(pathText, fc.constant('')), { maxLength: 4 }),
        (fieldLines, extraPrefixes) => {
          const index = new FieldLineIndex(fieldLines);
          // prefixes taken from the paths themselves, so that many of them match something
          const fromPaths = Object.keys(fieldLines).flatMap((path) => [
            path,
            path.slice(0, path.search(/[.[]/) > 0 ? path.search(/[.[]/) : path.length),
          ]);
          for (const prefix of [...fromPaths, ...extraPrefixes])
            expect(JSON.stringify(index.under(prefix))).toBe(
              JSON.stringify(fieldLinesUnder(fieldLines, prefix)),
            );
        },
      ),
      { numRuns: 1500, seed: 18 },
    );
  });

  it('reads the lines of one CloudFormation resource', () => {
    const index = new FieldLineIndex({
      'Resources.Logs': 3,
      'Resources.Logs.Type': 4,
      'Resources.Logs.Properties.Tags[0].Key': 7,
      'Resources.Logs.Properties.BucketName': 5,
      'Resources.LogsPolicy.Type': 9,
      'Resources.Logs[1]': 12,
    });
    expect(index.under('Resources.Logs')).toEqual({
      Type: 4,
      'Properties.Tags[0].Key': 7,
      'Properties.BucketName': 5,
      '[1]': 12,
    });
    expect(Object.keys(index.under('Resources.Logs.Properties'))).toEqual(['Tags[0].Key', 'BucketName']);
  });
});
