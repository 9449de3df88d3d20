import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BoundedMap } from '../../util/bounded-map.js';

/**
 * Our small interface over the HCL parser. `@cdktf/hcl2json` is frozen upstream, so nothing else
 * imports it: swapping the parser means changing this one file.
 */
export interface HclParser {
  /** Parses one .tf file to the hcl2json shape: blocks are arrays of objects, expressions are `${...}` strings. */
  parse(fileName: string, text: string): Promise<HclDocument>;
}

const BlockMap = z.record(z.string(), z.array(z.record(z.string(), z.unknown())));

/** The top-level shape we read from hcl2json output. */
export const HclDocumentSchema = z.looseObject({
  resource: z.record(z.string(), BlockMap).optional(),
  data: z.record(z.string(), BlockMap).optional(),
  variable: BlockMap.optional(),
  output: BlockMap.optional(),
  locals: z.array(z.record(z.string(), z.unknown())).optional(),
  module: BlockMap.optional(),
  provider: BlockMap.optional(),
  terraform: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type HclDocument = z.infer<typeof HclDocumentSchema>;

/** The default parser: @cdktf/hcl2json (a Go HCL parser compiled to WebAssembly), loaded lazily. */
export function createHclParser(): HclParser {
  return {
    async parse(fileName, text) {
      const key = text.length <= CACHED_TEXT_LIMIT ? parseKey(fileName, text) : undefined;
      const known = key && parsed.get(key);
      if (known) return structuredClone(known);
      const { parse } = await import('@cdktf/hcl2json');
      const raw: unknown = await parse(fileName, text);
      const document = HclDocumentSchema.parse(raw);
      if (key) parsed.set(key, document);
      return structuredClone(document);
    },
  };
}

/**
 * Documents parsed in this process, by file name and text: verify, the policy and the gates read
 * the same files in one run, and the WebAssembly parser is the slow part. Callers get copies.
 */
const PARSED_LIMIT = 256;
const parsed = new BoundedMap<string, HclDocument>(PARSED_LIMIT);
/** Larger files are parsed each time (they are rare, and the cache stays small). */
const CACHED_TEXT_LIMIT = 256 * 1024;

function parseKey(fileName: string, text: string): string {
  return createHash('sha256').update(fileName).update('\u0000').update(text).digest('hex');
}
