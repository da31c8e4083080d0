import { z } from 'zod';

/**
 * Every string the API accepts (bodies, query strings, path parameters) starts from one of these
 * helpers, so that what may be in a text is decided in one place:
 *
 * - `line()`: one line (a name, a title, a search term). Trimmed; every control character refused.
 * - `multiline()`: free text over several lines (a note, a description). Trimmed; tab, line feed and
 *   carriage return allowed, every other control character refused.
 * - `token()`: a value compared exactly (an id, a token, a cursor, a slug). Not trimmed; every
 *   control character refused.
 * - `publicLine()`, `publicMultiline()`: the same for text from the public (the concern form, the
 *   place report). Bidirectional controls are removed first: they can make a report read
 *   misleadingly in the inbox ("Trojan Source"), and no one needs them to write a report.
 *
 * Control characters are C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). PostgreSQL cannot
 * store U+0000 in text at all, and the rest have no place in what people type. The refusal is a 400
 * with the field message `control_characters`, before any query runs.
 *
 * Response schemas stay plain `z.string()`: they describe what we send, not what we accept.
 * Passwords are the one exception (`auth.ts`): better-auth hashes them, and any character may be in one.
 */

/** The message id of the refusal (src/server/http/messages.ts, and validation.json in the web client). */
export const CONTROL_CHARACTERS_MESSAGE = 'control_characters';

// Built from code points so that this file holds no invisible characters itself.
const range = (from: number, to: number) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`;
const one = (code: number) => `\\u{${code.toString(16)}}`;

/** C0, DEL and C1. */
const ANY_CONTROL = new RegExp(`[${range(0x00, 0x1f)}${range(0x7f, 0x9f)}]`, 'u');
/** The same without tab (U+0009), line feed (U+000A) and carriage return (U+000D). */
const CONTROL_EXCEPT_LINE_BREAKS = new RegExp(`[${range(0x00, 0x08)}${range(0x0b, 0x0c)}${range(0x0e, 0x1f)}${range(0x7f, 0x9f)}]`, 'u');
/**
 * Bidirectional formatting characters: the embeddings and overrides (U+202A–U+202E), the isolates
 * (U+2066–U+2069), the marks LRM and RLM (U+200E, U+200F) and the Arabic letter mark (U+061C).
 */
const BIDI_CONTROLS = new RegExp(`[${range(0x202a, 0x202e)}${range(0x2066, 0x2069)}${one(0x200e)}${one(0x200f)}${one(0x061c)}]`, 'gu');

export function hasControlCharacters(value: string, options: { allowLineBreaks?: boolean } = {}): boolean {
  return (options.allowLineBreaks ? CONTROL_EXCEPT_LINE_BREAKS : ANY_CONTROL).test(value);
}

export function stripBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, '');
}

const refusal = { message: CONTROL_CHARACTERS_MESSAGE };
const noControls = (value: string) => !hasControlCharacters(value);
const noControlsButLineBreaks = (value: string) => !hasControlCharacters(value, { allowLineBreaks: true });

/** One line of text. Chain `.min()`, `.max()` and the like after it. */
export function line(): z.ZodString {
  return z.string().trim().refine(noControls, refusal);
}

/** Free text that may run over several lines. */
export function multiline(): z.ZodString {
  return z.string().trim().refine(noControlsButLineBreaks, refusal);
}

/** A value compared exactly, so not trimmed: an id, a token, a cursor, a slug. */
export function token(): z.ZodString {
  return z.string().refine(noControls, refusal);
}

/** One line from the public: bidirectional controls removed, then as `line()`. */
export function publicLine(): z.ZodString {
  return z.string().overwrite(stripBidiControls).trim().refine(noControls, refusal);
}

/** Free text from the public: bidirectional controls removed, then as `multiline()`. */
export function publicMultiline(): z.ZodString {
  return z.string().overwrite(stripBidiControls).trim().refine(noControlsButLineBreaks, refusal);
}
