import { parseDocument } from 'yaml';

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
  const document = parseDocument(match[1], { prettyErrors: false });
  const syntaxErrors = document.errors.map((error) => {
    const line = error.linePos?.[0]?.line;
    return `${line === undefined ? '' : `line ${line + 1}: `}${error.message.split('\n')[0]}`;
  });
  return { data: syntaxErrors.length ? undefined : document.toJS(), body: text.slice(match[0].length), syntaxErrors };
}

/** Renders front matter + body back into one markdown file. */
export function joinFrontMatter(yamlText: string, body: string): string {
  const trimmed = yamlText.endsWith('\n') ? yamlText : `${yamlText}\n`;
  return `---\n${trimmed}---\n${body.startsWith('\n') ? body : `\n${body}`}`;
}
