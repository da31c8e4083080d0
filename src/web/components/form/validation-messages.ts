import i18n from 'i18next';

/** The parts of a zod v4 issue we read; kept structural so no zod internals leak into the UI. */
interface Issue {
  code?: string;
  input?: unknown;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  message?: string;
}

/**
 * Client-side validation messages in the UI language, from the issue's kind. Messages a schema sets
 * itself (a refinement's `message`) are ids: `translateMessageId` turns them into text.
 */
export function issueMessage(issue: Issue): string {
  const t = i18n.t.bind(i18n);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? t('validation:required') : t('validation:invalid_type');
    case 'too_small': {
      const minimum = Number(issue.minimum ?? 0);
      if (issue.origin === 'string') return minimum <= 1 ? t('validation:required') : t('validation:tooShort', { count: minimum });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation:tooFew', { count: minimum });
      return t('validation:tooSmall', { minimum });
    }
    case 'too_big': {
      const maximum = Number(issue.maximum ?? 0);
      if (issue.origin === 'string') return t('validation:tooLong', { count: maximum });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation:tooMany', { count: maximum });
      return t('validation:tooBig', { maximum });
    }
    case 'invalid_format':
      return issue.format === 'email' ? t('validation:email') : t('validation:invalid_format');
    case 'invalid_value':
      return t('validation:invalid_value');
    default:
      return translateMessageId(issue.message) ?? t('validation:invalid');
  }
}

/** `invalid_identity_number` -> "Ogiltigt person- eller samordningsnummer." when validation.json knows it. */
export function translateMessageId(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const key = `validation:${message}`;
  return i18n.exists(key) ? String(i18n.t(key as never)) : undefined;
}
