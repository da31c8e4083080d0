import { RECEIPT_ALPHABET, RECEIPT_LENGTH, receiptCodeProblem } from '../../../shared/concerns';
import type { OroT } from './oro-text';

/**
 * What the status page says about a typed receipt code that cannot be one: empty, a character that
 * never occurs in a code (named, with the characters that do), or the wrong length (with the count).
 * `null` for a well-formed code. Letters and digits that look alike (O and 0, I and 1 …) are left out
 * of the alphabet, so "B" or "0" is a typing or reading mistake worth naming.
 */
export function statusCodeMessage(input: string, t: OroT): string | null {
  const problem = receiptCodeProblem(input);
  if (!problem) return null;
  if (problem.empty) return t('status.empty');
  const sentences: string[] = [];
  if (problem.impossible.length > 0) {
    sentences.push(
      t(problem.impossible.length === 1 ? 'status.impossibleOne' : 'status.impossibleMany', {
        chars: problem.impossible.join(' '),
        letters: [...RECEIPT_ALPHABET].filter((char) => /[A-Z]/.test(char)).join(' '),
        digits: [...RECEIPT_ALPHABET].filter((char) => /\d/.test(char)).join(' '),
      }),
    );
  }
  if (problem.length !== RECEIPT_LENGTH) sentences.push(t('status.wrongLength', { count: problem.length, length: RECEIPT_LENGTH }));
  return sentences.join(' ');
}
