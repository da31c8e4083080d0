import { Button } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../i18n/language';
import { useSwitchLanguage } from './useLanguage';

/** Each language named in itself (endonyms), the same in every UI language, so users can find theirs. */
export const LANGUAGE_NAMES: Record<Language, string> = { sv: 'Svenska', en: 'English' };

/** One button naming the other language in that language ("English" / "Svenska"). */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const switchLanguage = useSwitchLanguage();
  const current = isLanguage(i18n.language) ? i18n.language : 'sv';
  const other: Language = current === 'sv' ? 'en' : 'sv';
  return (
    <Button variant="tertiary" data-size="sm" lang={other} onClick={() => void switchLanguage(other)} data-testid="language-switch">
      {LANGUAGE_NAMES[other]}
    </Button>
  );
}
