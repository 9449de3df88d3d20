import { gunzipSync } from 'node:zlib';

/** One regular file inside a tar archive. */
export interface TarEntry {
  name: string;
  content: Buffer;
}

const text = (buffer: Buffer, start: number, length: number): string =>
  buffer.toString('utf8', start, start + length).replace(/\0.*$/s, '');

/**
 * Reads the regular files of a (gzip-compressed) ustar/pax archive in memory. Small on purpose: we
 * only read CRD bundles. Long names from pax (`x`) and GNU (`L`) headers are honoured.
 */
export function readTar(archive: Buffer): TarEntry[] {
  const data = archive[0] === 0x1f && archive[1] === 0x8b ? gunzipSync(archive) : archive;
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= data.length) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = parseInt(text(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = text(header, 345, 155);
    const baseName = text(header, 0, 100);
    const name = longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    const start = offset + 512;
    const content = data.subarray(start, start + size);
    longName = undefined;
    if (type === 'x') longName = content.toString('utf8').match(/\d+ path=([^\n]*)\n/)?.[1];
    else if (type === 'L') longName = content.toString('utf8').replace(/\0.*$/s, '');
    else if (type === '0' || type === '\0' || type === '7') entries.push({ name, content });
    offset = start + Math.ceil(size / 512) * 512;
  }
  return entries;
}
