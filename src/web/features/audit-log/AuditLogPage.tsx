import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';

/** Placeholder for Loggkontroll (the access-log review); replaced by that feature. */
export default function AuditLogPage() {
  const { t } = useTranslation('auditLog');
  return (
    <Page title={t('title')}>
      <Paragraph>{t('intro')}</Paragraph>
    </Page>
  );
}
