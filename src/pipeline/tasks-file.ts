import type { Task } from './output-schemas.js';

const LINE = /^\s*-\s*\[[ xX]\]\s*(T\d+):\s*(.*?)\s*\(requirements:\s*([^;]*);\s*files:\s*([^)]*)\)\s*$/;

const list = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item && item !== 'none');

/** Reads tasks.md back into tasks (lines written by renderTask; other lines are ignored). */
export function parseTasks(markdown: string): Task[] {
  return markdown.split('\n').flatMap((line) => {
    const match = LINE.exec(line);
    return match
      ? [{ id: match[1], title: match[2], requirements: list(match[3]), files: list(match[4]) }]
      : [];
  });
}

/** Requirement ids (R1, R2, ...) declared in a spec, in order of first appearance. */
export function requirementIds(spec: string): string[] {
  const found: string[] = [];
  for (const match of spec.matchAll(/\bR(\d+)\b/g))
    if (!found.includes(`R${match[1]}`)) found.push(`R${match[1]}`);
  return found;
}
