import { Document, isCollection, isMap, isScalar, type Pair } from 'yaml';
import { joinFrontMatter } from '../../constraints/front-matter.js';
import type { InferredItem, Outlier } from './inferred.js';

/** Writes a note beside a field: a trailing comment on a scalar, a comment line above a list or map. */
function mark(document: Document, path: Array<string | number>, note: string): void {
  const node = document.getIn(path, true);
  if (isScalar(node)) {
    node.comment = ` ${note}`;
    return;
  }
  if (!isCollection(node)) return;
  const parent = path.length > 1 ? document.getIn(path.slice(0, -1), true) : document.contents;
  if (!isMap(parent)) return;
  const pair = (parent.items as Array<Pair>).find(
    (item) => isScalar(item.key) && item.key.value === path[path.length - 1],
  );
  if (pair && isScalar(pair.key)) pair.key.commentBefore = ` ${note}`;
}

/** Front matter YAML with every inferred item marked `# inferred: ...` beside its field. */
export function frontMatterWithNotes(
  data: Record<string, unknown>,
  items: InferredItem[],
  header: string,
): string {
  const document = new Document(data);
  document.commentBefore = ` ${header}`;
  for (const item of items) {
    const star = item.path.indexOf('*');
    if (star < 0) {
      mark(document, item.path, item.note);
      continue;
    }
    const list = document.getIn(item.path.slice(0, star)) as unknown[] | undefined;
    const count = (list as { items?: unknown[] } | undefined)?.items?.length ?? 0;
    for (let index = 0; index < count; index += 1)
      mark(document, [...item.path.slice(0, star), index, ...item.path.slice(star + 1)], item.note);
  }
  return String(document);
}

/** The markdown body: what was inferred, what differs, what is a placeholder, and what to do next. */
export function adoptionBody(
  title: string,
  items: InferredItem[],
  outliers: Outlier[],
  gaps: string[],
  alsoSeen: string[] = [],
): string {
  const lines = [
    `# ${title}`,
    '',
    'Drafted by `infrakit adopt` from the code as it is. Every item below is **inferred**: confirm or correct it with `infrakit setup`.',
    '',
  ];
  lines.push(
    '## Inferred',
    '',
    ...(items.length
      ? items.map(
          (item) =>
            `- inferred: \`${item.label ?? item.path.join('.')}\`: ${item.note.replace(/^inferred: /, '')}`,
        )
      : ['- nothing']),
    '',
  );
  if (outliers.length)
    lines.push(
      '## Outliers (resources that do not follow the majority)',
      '',
      ...outliers.map(
        (outlier) => `- \`${outlier.resource}\` (${outlier.file}:${outlier.line}) ${outlier.problem}`,
      ),
      '',
    );
  if (alsoSeen.length)
    lines.push('## Also seen (not made mandatory)', '', ...alsoSeen.map((line) => `- ${line}`), '');
  if (gaps.length)
    lines.push('## Not found in the code (placeholders)', '', ...gaps.map((gap) => `- ${gap}`), '');
  return lines.join('\n');
}

/** One constraint file: front matter with notes, then the body. */
export const constraintFile = (yaml: string, body: string): string => joinFrontMatter(yaml, body);
