import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';

/** Placeholder for the administration pages (organisations, users, memberships); replaced by that feature. */
export default function AdminPage() {
  const { t } = useTranslation('admin');
  return (
    <Page title={t('title')}>
      <Paragraph>{t('intro')}</Paragraph>
    </Page>
  );
}
