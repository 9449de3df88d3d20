import { open, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NothingCheckedError } from '../errors/index.js';
import { detectFileTool } from '../iac/detect.js';

const SAMPLE_BYTES = 8192;
const FORMATS =
  'Kubernetes or Crossplane YAML, a CloudFormation template (.yaml, .json, .template) or Terraform (.tf)';

/** What a sample of a file's first bytes says it is, when that is not text we can read. */
function binaryKind(sample: Buffer): string | undefined {
  if (sample.length >= 2 && sample[0] === 0x1f && sample[1] === 0x8b) return 'a gzip archive (a tarball?)';
  if (sample.length >= 262 && sample.subarray(257, 262).toString('latin1') === 'ustar')
    return 'a tar archive';
  if (sample.length >= 4 && sample.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004')
    return 'a zip archive';
  if (sample.includes(0)) return 'a binary file';
  return undefined;
}

/**
 * Refuses, before anything is parsed, a file named on the command line that cannot be checked:
 * unreadable, binary, an archive, or text in no format infrakit reads. Directories are searched
 * as usual (an empty result is refused by the caller). Missing paths are left to the parser.
 */
export async function assertCheckableFiles(cwd: string, given: string[], command: string): Promise<void> {
  for (const path of given) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info || info.isDirectory()) continue;
    let sample: Buffer;
    try {
      const handle = await open(absolute, 'r');
      try {
        const buffer = Buffer.alloc(SAMPLE_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
        sample = buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new NothingCheckedError(`${command}: cannot read ${path} (${code}); nothing was checked`, {
        hint: `Make ${path} readable (e.g. chmod u+r ${path}), or pass another path.`,
      });
    }
    const kind = binaryKind(sample);
    if (kind)
      throw new NothingCheckedError(`${command}: ${path} is ${kind}, not IaC source; nothing was checked`, {
        hint: kind.includes('archive')
          ? `Unpack it and pass the folder, e.g. mkdir src && tar -xzf ${path} -C src && infrakit ${command} src`
          : `Pass ${FORMATS}.`,
      });
    if (!detectFileTool(absolute, await readFile(absolute, 'utf8')))
      throw new NothingCheckedError(
        `${command}: ${path} is in no format infrakit reads; nothing was checked`,
        { hint: `Pass ${FORMATS}.` },
      );
  }
}
