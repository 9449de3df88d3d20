import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { splitFrontMatter } from '../constraints/front-matter.js';
import { formatFieldPath } from '../constraints/load.js';
import { ConfigError } from '../errors/index.js';
import { packageRoot } from '../util/package-root.js';
import { PersonaFrontMatterSchema, type Persona } from './schema.js';

/** The personas shipped with infrakit. */
export const defaultPersonasDir = (): string => join(packageRoot(), 'personas');

/** Parses one persona file's text; returns the persona or every problem found. */
export function parsePersona(file: string, text: string): { persona?: Persona; problems: string[] } {
  const shown = basename(file);
  const parsed = splitFrontMatter(text);
  if (parsed.syntaxErrors.length) return { problems: parsed.syntaxErrors.map((message) => `${shown}: YAML front matter: ${message}`) };
  if (parsed.data === undefined) return { problems: [`${shown}: expected YAML front matter between "---" lines`] };
  const result = PersonaFrontMatterSchema.safeParse(parsed.data);
  if (!result.success) {
    return { problems: result.error.issues.map((issue) => `${shown}: ${formatFieldPath(issue.path)}: ${issue.message}`) };
  }
  if (`${result.data.id}.md` !== shown) return { problems: [`${shown}: id: expected "${shown.replace(/\.md$/, '')}" (the file name), got "${result.data.id}"`] };
  if (!parsed.body.trim()) return { problems: [`${shown}: the prompt body under the front matter is empty`] };
  return { persona: { ...result.data, prompt: parsed.body, file }, problems: [] };
}

/**
 * Loads every personas/*.md (sorted by id). Throws a ConfigError listing every problem, and when
 * there is no `spec` persona, no `engineer` persona or no `review` persona.
 */
export async function loadPersonas(directory: string = defaultPersonasDir()): Promise<Persona[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.md') && !name.startsWith('.') && name !== 'README.md');
  } catch {
    throw new ConfigError(`the personas folder ${directory} cannot be read`, [], { hint: 'Reinstall infrakit: its personas/ folder is missing.' });
  }
  const problems: string[] = [];
  const personas: Persona[] = [];
  for (const name of names.sort()) {
    const file = join(directory, name);
    const result = parsePersona(file, await readFile(file, 'utf8'));
    problems.push(...result.problems);
    if (result.persona) personas.push(result.persona);
  }
  for (const stage of ['spec', 'review', 'engineer'] as const) {
    if (problems.length === 0 && !personas.some((persona) => persona.stage === stage)) problems.push(`no persona with stage: ${stage} in ${directory}`);
  }
  if (problems.length) {
    throw new ConfigError(`invalid personas in ${directory}:\n  ${problems.join('\n  ')}`, problems, {
      hint: 'See docs/personas.md for the front matter every persona needs.',
    });
  }
  return personas;
}

/** The persona with this stage (the first by id when there are several). */
export function personaForStage(personas: Persona[], stage: 'spec' | 'engineer'): Persona {
  const found = personas.find((persona) => persona.stage === stage);
  if (!found) throw new ConfigError(`no persona with stage: ${stage}`);
  return found;
}

/** Every review persona, in id order: one parallel review each. */
export const reviewPersonas = (personas: Persona[]): Persona[] => personas.filter((persona) => persona.stage === 'review');
