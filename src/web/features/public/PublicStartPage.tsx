import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { PUBLIC_OFFERS_PATH } from '../../../shared/offers';
import { CONCERN_PATHS } from '../../../shared/concerns';
import { paths } from '../../app/paths';
import { useOroText } from './oro-text';
import { EmergencyBox, LanguageChooser } from './PublicParts';
import { useFormLanguage } from './OroFormPage';
import { fetchTenants, publicKeys } from './submit';
import { knownTenant, rememberedTenant } from './tenant-memory';
import './public.css';

/**
 * `/` for a visitor who is not signed in: someone who typed the site's address is most likely worried
 * about a child, not a member of staff. The way to the concern form comes first, then the association
 * guide, the status page, and staff sign-in. The municipality is named when it is known.
 *
 * "Anmäl oro" opens the form past its triage (`track=person`): this page already gives the triage's
 * help (112, 114 14, BRIS) in its emergency box.
 */
export default function PublicStartPage() {
  const [language, setLanguage] = useFormLanguage();
  const { t, ready } = useOroText(language);
  const [params] = useSearchParams();
  const tenants = useQuery({ queryKey: publicKeys.tenants, queryFn: fetchTenants, staleTime: 5 * 60_000 });
  if (!ready) return <PageLoading />;
  const tenant = knownTenant(tenants.data?.tenants ?? [], params.get('tenant'), rememberedTenant());
  const query = (extra: Record<string, string> = {}) => {
    const search = new URLSearchParams({ ...(tenant ? { tenant: tenant.slug } : {}), ...extra }).toString();
    return search ? `?${search}` : '';
  };
  return (
    <Page title={t('start.title')} width="narrow">
      <LanguageChooser t={t} language={language} onChange={setLanguage} />
      {tenant ? (
        <Paragraph data-size="lg" className="oro-start__tenant">
          {tenant.name}
        </Paragraph>
      ) : null}
      <Paragraph>{tenant ? t('start.introTenant', { tenant: tenant.name }) : t('start.intro')}</Paragraph>
      <Paragraph>
        <Button asChild>
          <RouterLink to={`${CONCERN_PATHS.publicForm}${query({ track: 'person' })}`}>{t('start.report')}</RouterLink>
        </Button>
      </Paragraph>
      <Paragraph data-size="sm">{t('start.anonymous')}</Paragraph>
      <Heading level={2} data-size="xs">
        {t('start.moreHeading')}
      </Heading>
      <ul className="oro-start__links">
        <li>
          <Link asChild>
            <RouterLink to={`${CONCERN_PATHS.publicForm}${query({ track: 'place' })}`}>{t('start.place')}</RouterLink>
          </Link>
        </li>
        <li>
          <Link asChild>
            <RouterLink to={`/oro/forening${query()}`}>{t('start.guide')}</RouterLink>
          </Link>
        </li>
        <li>
          <Link asChild>
            <RouterLink to={`${PUBLIC_OFFERS_PATH}${query()}`}>{t('start.offers')}</RouterLink>
          </Link>
        </li>
        <li>
          <Link asChild>
            <RouterLink to={CONCERN_PATHS.publicStatus}>{t('start.status')}</RouterLink>
          </Link>
        </li>
        <li>
          <Link asChild>
            <RouterLink to={paths.signIn}>{t('start.staff')}</RouterLink>
          </Link>
        </li>
      </ul>
      <EmergencyBox t={t} />
    </Page>
  );
}
