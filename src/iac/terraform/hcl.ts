import { z } from 'zod';

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
      const { parse } = await import('@cdktf/hcl2json');
      const raw: unknown = await parse(fileName, text);
      return HclDocumentSchema.parse(raw);
    },
  };
}
