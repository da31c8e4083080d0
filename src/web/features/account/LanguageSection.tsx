import { Fieldset, Heading, Radio } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../../shared/session';
import { LANGUAGE_NAMES } from '../../app/LanguageSwitch';
import { useSwitchLanguage } from '../../app/useLanguage';
import { isLanguage } from '../../i18n/language';

/** The interface language, saved for the user (and the same switch as in the header). */
export function LanguageSection() {
  const { t, i18n } = useTranslation('account');
  const switchLanguage = useSwitchLanguage();
  return (
    <section aria-labelledby="language-heading" className="account-section stack">
      <Heading level={2} data-size="sm" id="language-heading">
        {t('language.heading')}
      </Heading>
      <Fieldset>
        <Fieldset.Legend>{t('language.legend')}</Fieldset.Legend>
        <Fieldset.Description>{t('language.description')}</Fieldset.Description>
        {LOCALES.map((language) => (
          <Radio
            key={language}
            name="language"
            value={language}
            lang={language}
            label={LANGUAGE_NAMES[language]}
            checked={i18n.language === language}
            onChange={(event) => {
              if (isLanguage(event.target.value)) void switchLanguage(event.target.value);
            }}
          />
        ))}
      </Fieldset>
    </section>
  );
}
