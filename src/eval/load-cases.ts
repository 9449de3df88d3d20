import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatFieldPath } from '../constraints/load.js';
import { ConfigError } from '../errors/index.js';
import { EvalCaseSchema, type EvalCase } from './case-schema.js';

/** Loads every `*.yaml` case in the directory, sorted by file name; collects every problem before failing. */
export async function loadEvalCases(directory: string): Promise<EvalCase[]> {
  let names: string[];
  try {
    names = (await readdir(directory))
      .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
      .sort();
  } catch {
    throw new ConfigError(`eval cases: cannot read the directory ${directory}`, [], {
      hint: 'Pass --cases <dir> pointing at a folder of case YAML files (see eval/cases/).',
    });
  }
  if (names.length === 0) {
    throw new ConfigError(`eval cases: no *.yaml case files in ${directory}`, [], {
      hint: 'See eval/cases/ for the case format.',
    });
  }
  const problems: string[] = [];
  const cases: EvalCase[] = [];
  for (const name of names) {
    const file = join(directory, name);
    let data: unknown;
    try {
      data = parse(await readFile(file, 'utf8'));
    } catch (error) {
      problems.push(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const result = EvalCaseSchema.safeParse(data);
    if (result.success) cases.push(result.data);
    else
      problems.push(
        ...result.error.issues.map((issue) => `${file}: ${formatFieldPath(issue.path)}: ${issue.message}`),
      );
  }
  const seen = new Set<string>();
  for (const entry of cases) {
    if (seen.has(entry.id)) problems.push(`${directory}: the case id "${entry.id}" is used twice`);
    seen.add(entry.id);
  }
  if (problems.length > 0) {
    throw new ConfigError(`eval cases are invalid:\n  ${problems.join('\n  ')}`, problems, {
      hint: 'Fix the fields named above.',
    });
  }
  return cases;
}
