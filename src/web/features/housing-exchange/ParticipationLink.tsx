import { Heading, Link as DsLink, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EXCHANGE_PATHS } from './queries';

/** On the administration page: the way to the housing exchange's participation (the administrator's only part in it). */
export function ParticipationLink() {
  const { t } = useTranslation('housingExchange');
  return (
    <section aria-labelledby="admin-exchange">
      <Heading level={2} data-size="sm" id="admin-exchange">
        {t('participation.link')}
      </Heading>
      <Paragraph>
        <DsLink asChild>
          <RouterLink to={EXCHANGE_PATHS.participation}>{t('participation.title')}</RouterLink>
        </DsLink>
        {' – '}
        {t('participation.linkDescription')}
      </Paragraph>
    </section>
  );
}
