import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ConsentAgeSettings } from './ConsentAgeSettings';
import { RetentionSettingsPart } from './RetentionSettingsPart';

/** Samverkan (SSPF): the tenant's consent age and retention periods. Both are administrator-only on the server. */
export function SspfSettingsSection() {
  const { t } = useTranslation('admin');
  return (
    <section aria-labelledby="sspf-settings-heading" className="admin-section">
      <Heading level={2} data-size="sm" id="sspf-settings-heading">
        {t('sspf.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('sspf.intro')}</Paragraph>
      <ConsentAgeSettings />
      <RetentionSettingsPart />
    </section>
  );
}
