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
