import { LineCounter, parseDocument } from 'yaml';
import { aliasLimitProblem } from '../iac/yaml/alias-limits.js';
import { quickReadYaml, quickTags, type QuickTags } from '../iac/yaml/quick-read.js';

/** No tags: a front matter with one is read by `yaml`. */
let noTags: QuickTags | undefined;

/** A markdown file split into its front matter and body. */
export interface FrontMatter {
  /** The parsed YAML, or undefined when the file has no front matter. */
  data: unknown;
  body: string;
  /** YAML syntax errors, each with its line. */
  syntaxErrors: string[];
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits a markdown file into its YAML front matter and body. */
export function splitFrontMatter(text: string): FrontMatter {
  const match = FENCE.exec(text);
  if (!match) return { data: undefined, body: text, syntaxErrors: [] };
  // Plain block-style YAML (what `infrakit init` writes) is read by js-yaml, to the same value;
  // anything else, and every syntax error, by `yaml` (see src/iac/yaml/quick-read.ts).
  const quick = quickReadYaml(match[1], (noTags ??= quickTags([])));
  if (quick) return { data: quick.raw, body: text.slice(match[0].length), syntaxErrors: [] };
  const lineCounter = new LineCounter();
  const document = parseDocument(match[1], { prettyErrors: false, lineCounter });
  const syntaxErrors = document.errors.map((error) => {
    // The YAML starts on the file's second line, after the opening "---".
    const line = lineCounter.linePos(error.pos[0]).line + 1;
    return `line ${line}: ${error.message.split('\n')[0]}`;
  });
  // An alias bomb is refused before toJS() expands it.
  const aliasProblem = syntaxErrors.length ? undefined : aliasLimitProblem(document);
  if (aliasProblem) syntaxErrors.push(`refused: ${aliasProblem}`);
  return {
    data: syntaxErrors.length ? undefined : document.toJS(),
    body: text.slice(match[0].length),
    syntaxErrors,
  };
}

/** Renders front matter + body back into one markdown file. */
export function joinFrontMatter(yamlText: string, body: string): string {
  const trimmed = yamlText.endsWith('\n') ? yamlText : `${yamlText}\n`;
  return `---\n${trimmed}---\n${body.startsWith('\n') ? body : `\n${body}`}`;
}
