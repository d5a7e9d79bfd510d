// Inserting a suggestion (an @mention or a [[wikilink]]) into the entry
// text (pure): the spacing rules that keep accepting a suggestion from
// leaving a double space.

/** Characters after which a token needs no space of its own: closing punctuation. */
const CLOSING = /^[.,;:!?)\]}'"”’»…]/;

/**
 * insertToken replaces text[start, end) (UTF-16 offsets, start ≤ end) with
 * token and returns the new text and where the caret goes:
 *   - the rest starts with a space: no space is added, the caret goes after
 *     that space (it is not doubled);
 *   - the rest starts with closing punctuation (. , ; : ! ? ) ] } quotes …):
 *     no space, the caret right after the token;
 *   - otherwise (end of text, a line break, a tab, a word): one space is
 *     added after the token and the caret goes after it.
 */
export function insertToken(text: string, start: number, end: number, token: string): { text: string; caret: number } {
  const before = text.slice(0, start);
  const rest = text.slice(end);
  const after = before.length + token.length;
  if (rest.startsWith(" ")) return { text: before + token + rest, caret: after + 1 };
  if (CLOSING.test(rest)) return { text: before + token + rest, caret: after };
  return { text: before + token + " " + rest, caret: after + 1 };
}
