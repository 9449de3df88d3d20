/**
 * Control characters, terminal escape sequences and bidirectional overrides in a name (a file
 * name from a model, a track name, a path in an error) are shown escaped, never sent raw to a
 * terminal: `\x1b[2J` stays visible text instead of clearing the screen.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `name` with every control character written as `\xNN` or `\uNNNN`. */
export function printable(name: string): string {
  return name.replace(UNPRINTABLE, (character) => {
    const code = character.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** The colour codes infrakit's own styling writes (src/cli/io.ts): bold, dim, red, green, yellow, cyan, resets. */
// eslint-disable-next-line no-control-regex
const OWN_STYLE = /\u001b\[(?:1|2|22|31|32|33|36|39)m/g;

/**
 * Text bound for a terminal: every control character escaped as printable() does, except line
 * breaks and tabs; with `styles`, infrakit's own colour codes are kept, any other escape is shown.
 * Applied where the CLI writes, so a name from a model or a repository never reaches the terminal raw.
 */
export function terminalText(text: string, options: { styles?: boolean } = {}): string {
  const escape = (part: string) =>
    part.replace(UNPRINTABLE, (character) =>
      character === '\n' || character === '\t' ? character : printable(character),
    );
  if (!options.styles) return escape(text);
  const styles = text.match(OWN_STYLE) ?? [];
  return text
    .split(OWN_STYLE)
    .map((part, index) => escape(part) + (styles[index] ?? ''))
    .join('');
}

/** JSON text with the characters JSON.stringify leaves raw (DEL, C1 controls, bidi overrides) as `\uNNNN` escapes. */
export function jsonText(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
