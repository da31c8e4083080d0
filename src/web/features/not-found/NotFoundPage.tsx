import { Link as RouterLink } from 'react-router';
import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { paths } from '../../app/paths';

/** Unknown address, or a page this role may not open: the same answer, so neither is revealed. */
export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')} width="narrow">
      <Paragraph>{t('notFound.body')}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={paths.home}>{t('notFound.home')}</RouterLink>
        </Link>
      </Paragraph>
    </Page>
  );
}
