import Personnummer from 'personnummer';

export interface ParsedIdentityNumber {
  /** Twelve digits, no separator: the canonical form we encrypt and index. */
  canonical: string;
  /** YYYYMMDD-XXXX, for display to those allowed to see it. */
  display: string;
  birthDate: string;
  isCoordinationNumber: boolean;
}

/** Validates a personnummer or samordningsnummer with the maintained `personnummer` package. */
export function parseIdentityNumber(input: string): ParsedIdentityNumber | null {
  const value = input.trim();
  if (!Personnummer.valid(value, { allowCoordinationNumber: true, allowInterimNumber: false })) return null;
  const parsed = Personnummer.parse(value, { allowCoordinationNumber: true, allowInterimNumber: false });
  const canonical = parsed.format(true);
  const date = parsed.getDate();
  const birthDate = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return {
    canonical,
    display: `${canonical.slice(0, 8)}-${canonical.slice(8)}`,
    birthDate,
    isCoordinationNumber: parsed.isCoordinationNumber(),
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
