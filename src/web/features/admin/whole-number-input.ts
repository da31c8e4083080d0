/**
 * What a whole-number text field hands to the zod schema. Empty becomes `undefined` (the schema then
 * says "required" rather than "wrong type"); a number in digits becomes that number; anything else is
 * passed on as typed so the schema refuses it instead of it silently becoming NaN or a rounded value.
 */
export function wholeNumberFromInput(value: unknown): unknown {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return value;
  const text = value.trim().replace(/\s+/g, '');
  if (text === '') return undefined;
  if (!/^[-+]?\d+([.,]\d+)?$/.test(text)) return text;
  return Number(text.replace(',', '.'));
}
