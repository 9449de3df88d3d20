/**
 * A light text scan of HCL that finds the line of each block and attribute, since the HCL parser
 * returns data without positions. Paths follow the hcl2json shape: nested blocks are arrays
 * (`versioning[0].enabled`), attributes are keys.
 */
export interface ScannedBlock {
  /** Block labels, e.g. ['resource', 'aws_s3_bucket', 'logs']. */
  labels: string[];
  line: number;
  /** Line of each field path inside the block. */
  fieldLines: Record<string, number>;
}

const stripStrings = (line: string): string =>
  line.replace(/"(?:[^"\\]|\\.)*"/g, (match) => (match.includes('{') || match.includes('}') ? '""' : match));

const BLOCK_OPEN = /^\s*([A-Za-z_][\w-]*)((?:\s+"[^"]*"|\s+[A-Za-z_][\w-]*)*)\s*\{\s*(?:#.*|\/\/.*)?$/;
const ATTRIBUTE = /^\s*([A-Za-z_][\w-]*)\s*=(?!=)/;
const SINGLE_LINE_BLOCK = /^\s*([A-Za-z_][\w-]*)((?:\s+"[^"]*")*)\s*\{.*\}\s*$/;

/** Finds top-level blocks and the lines of the fields inside them. */
export function scanHclLines(text: string): ScannedBlock[] {
  const blocks: ScannedBlock[] = [];
  const stack: Array<{ path: string; counts: Map<string, number>; isAttribute: boolean }> = [];
  let current: ScannedBlock | undefined;
  let heredoc: string | undefined;
  text.split('\n').forEach((rawLine, index) => {
    const lineNumber = index + 1;
    if (heredoc !== undefined) {
      if (rawLine.trim() === heredoc) heredoc = undefined;
      return;
    }
    const heredocStart = rawLine.match(/<<-?\s*([A-Z_]+)\s*$/);
    const line = stripStrings(rawLine.replace(/\s(#|\/\/).*$/, ''));
    if (stack.length === 0) {
      const open = line.match(BLOCK_OPEN);
      if (open) {
        const labels = [
          open[1],
          ...[...open[2].matchAll(/"([^"]*)"|([A-Za-z_][\w-]*)/g)].map((match) => match[1] ?? match[2]),
        ];
        current = { labels, line: lineNumber, fieldLines: {} };
        blocks.push(current);
        stack.push({ path: '', counts: new Map(), isAttribute: false });
        return;
      }
      const single = line.match(SINGLE_LINE_BLOCK);
      if (single) {
        const labels = [single[1], ...[...single[2].matchAll(/"([^"]*)"/g)].map((match) => match[1])];
        blocks.push({ labels, line: lineNumber, fieldLines: {} });
      }
      return;
    }
    const frame = stack[stack.length - 1];
    const join = (name: string) => (frame.path === '' ? name : `${frame.path}.${name}`);
    const attribute = frame.isAttribute ? undefined : line.match(ATTRIBUTE);
    const block = frame.isAttribute ? undefined : (line.match(BLOCK_OPEN) ?? line.match(SINGLE_LINE_BLOCK));
    if (attribute && current) current.fieldLines[join(attribute[1])] = lineNumber;
    else if (block && current) {
      const count = frame.counts.get(block[1]) ?? 0;
      frame.counts.set(block[1], count + 1);
      const path = `${join(block[1])}[${count}]`;
      current.fieldLines[join(block[1])] ??= lineNumber;
      current.fieldLines[path] = lineNumber;
      if (line.match(BLOCK_OPEN)) {
        stack.push({ path, counts: new Map(), isAttribute: false });
        if (heredocStart) heredoc = heredocStart[1];
        return;
      }
    }
    if (heredocStart) heredoc = heredocStart[1];
    const opens = (line.match(/[{[(]/g) ?? []).length;
    const closes = (line.match(/[}\])]/g) ?? []).length;
    if (attribute && opens > closes) {
      stack.push({ path: join(attribute[1]), counts: new Map(), isAttribute: true });
      for (let extra = 1; extra < opens - closes; extra += 1)
        stack.push({ path: join(attribute[1]), counts: new Map(), isAttribute: true });
      return;
    }
    for (let index2 = 0; index2 < closes - opens; index2 += 1) stack.pop();
    if (!attribute && !block && opens > closes)
      for (let extra = 0; extra < opens - closes; extra += 1) stack.push({ ...frame, isAttribute: true });
  });
  return blocks;
}
