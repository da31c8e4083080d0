import { Link as RouterLink } from 'react-router';
import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { EXCHANGE_FEDERATION_PATH } from './queries';

/** The administration page's way in (the route is administrators' only, as the page it sits on). */
export function ExchangeFederationAdminLink() {
  const { t } = useTranslation('exchangeFederation');
  return (
    <Paragraph>
      <Link asChild>
        <RouterLink to={EXCHANGE_FEDERATION_PATH}>{t('adminLink')}</RouterLink>
      </Link>
    </Paragraph>
  );
}
