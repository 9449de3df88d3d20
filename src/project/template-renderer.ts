import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InternalError } from '../errors/index.js';

/** Values substituted for `{{name}}` placeholders. */
export type TemplateVariables = Readonly<Record<string, string>>;

const PARTIAL = /\{\{>\s*([A-Za-z0-9._-]+)\s*\}\}\n?/g;
const VARIABLE = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
const MAX_DEPTH = 5;

/**
 * Renders a template shipped in templates/. `{{> name}}` includes `<tool>/<name>`, falling back to
 * `partials/<name>`; `{{name}}` is replaced by a variable. Anything else in braces (for example
 * CloudFormation's `{{resolve:...}}`) is left alone. An unknown variable is a bug in the templates.
 */
export async function renderTemplate(
  templatesDirectory: string,
  tool: string,
  relativePath: string,
  variables: TemplateVariables,
): Promise<string> {
  const text = await readTemplate(templatesDirectory, tool, relativePath, 0);
  return text.replace(VARIABLE, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined)
      throw new InternalError(`template ${relativePath} uses an unknown variable {{${name}}}`);
    return value;
  });
}

async function readTemplate(
  templatesDirectory: string,
  tool: string,
  relativePath: string,
  depth: number,
): Promise<string> {
  if (depth > MAX_DEPTH) throw new InternalError(`template ${relativePath}: partials nest too deeply`);
  const text = await readFile(join(templatesDirectory, relativePath), 'utf8');
  const includes = [...text.matchAll(PARTIAL)];
  let rendered = text;
  for (const include of includes) {
    const name = include[1];
    const partial = await readPartial(templatesDirectory, tool, name, depth + 1);
    const body = partial.endsWith('\n') ? partial : `${partial}\n`;
    rendered = rendered.replace(include[0], () => body);
  }
  return rendered;
}

async function readPartial(
  templatesDirectory: string,
  tool: string,
  name: string,
  depth: number,
): Promise<string> {
  for (const candidate of [join(tool, name), join('partials', name)]) {
    try {
      return await readTemplate(templatesDirectory, tool, candidate, depth);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new InternalError(`template partial "${name}" was not found for ${tool} or in partials/`);
}
