/**
 * Names are compared as people type them differently: without case, accents or punctuation
 * ("Tid från", "tid_fran" and "TID-FRÅN" are one; "Skadegörelse" matches the code skadegorelse).
 */
export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
