import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Navigate, Link as RouterLink, useSearchParams } from 'react-router';
import { Alert, Button, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { CONCERN_PATHS } from '../../../shared/concerns';
import { initialFormLanguage, rememberFormLanguage, useDocumentLanguage, useOroText, type FormLanguage, type OroT } from './oro-text';
import { EmergencyBox, LanguageChooser } from './PublicParts';
import { ReportForm } from './ReportForm';
import { fetchTenant, fetchTenants, publicKeys } from './submit';
import { rememberTenant } from './tenant-memory';
import './public.css';

/** Public form language, shared by /oro and /oro/status. */
export function useFormLanguage(): [FormLanguage, (language: FormLanguage) => void] {
  const { i18n } = useTranslation();
  const [language, setLanguage] = useState<FormLanguage>(() => initialFormLanguage(i18n.language));
  useDocumentLanguage(language);
  return [
    language,
    (next) => {
      rememberFormLanguage(next);
      setLanguage(next);
    },
  ];
}

/** /oro: the public concern form (no sign-in). `?tenant=<slug>` comes from the poster's QR code. */
export default function OroFormPage() {
  const [language, setLanguage] = useFormLanguage();
  const { t, ready } = useOroText(language);
  const [params] = useSearchParams();
  const slug = params.get('tenant');
  if (!ready) return <PageLoading />;
  return (
    <Page title={t('title')} width="narrow">
      <LanguageChooser t={t} language={language} onChange={setLanguage} />
      <Paragraph>{t('intro')}</Paragraph>
      {slug ? <TenantForm t={t} slug={slug} language={language} /> : <TenantChooser t={t} />}
    </Page>
  );
}

function TenantForm({ t, slug, language }: { t: OroT; slug: string; language: FormLanguage }) {
  const tenant = useQuery({
    queryKey: publicKeys.tenant(slug),
    queryFn: () => fetchTenant(slug),
    staleTime: 5 * 60_000,
  });
  // The start page (`/`) names this municipality from now on, in this tab.
  const found = tenant.data?.slug;
  useEffect(() => {
    if (found) rememberTenant(found);
  }, [found]);
  if (tenant.isPending) return <Paragraph>{t('loading')}</Paragraph>;
  if (tenant.isError) return <LoadFailed t={t} onRetry={() => void tenant.refetch()} />;
  return (
    <>
      {tenant.data.acceptsConcerns || tenant.data.acceptsPlaceReports ? (
        <ReportForm key={slug} t={t} tenant={tenant.data} language={language} />
      ) : (
        <Alert data-color="warning">{t('notAccepted')}</Alert>
      )}
      <EmergencyBox t={t} socialServicesPhone={tenant.data.socialServicesPhone} />
    </>
  );
}

/** Without `?tenant=`: the only municipality, or a choice between them. */
export function TenantChooser({ t, basePath = CONCERN_PATHS.publicForm }: { t: OroT; basePath?: string }) {
  const tenants = useQuery({
    queryKey: publicKeys.tenants,
    queryFn: fetchTenants,
    staleTime: 5 * 60_000,
  });
  if (tenants.isPending) return <Paragraph>{t('loading')}</Paragraph>;
  if (tenants.isError) return <LoadFailed t={t} onRetry={() => void tenants.refetch()} />;
  const only = tenants.data.tenants.length === 1 ? tenants.data.tenants[0] : undefined;
  if (only) {
    // Replace, so Back does not return to a page that only forwards again.
    return <Navigate to={`${basePath}?tenant=${encodeURIComponent(only.slug)}`} replace />;
  }
  return (
    <nav aria-label={t('chooseTenant')}>
      <Paragraph>{t('chooseTenantIntro')}</Paragraph>
      <ul>
        {tenants.data.tenants.map((tenant) => (
          <li key={tenant.slug}>
            <Link asChild>
              <RouterLink to={`${basePath}?tenant=${encodeURIComponent(tenant.slug)}`}>{tenant.name}</RouterLink>
            </Link>
          </li>
        ))}
      </ul>
      <EmergencyBox t={t} />
    </nav>
  );
}

export function LoadFailed({ t, onRetry }: { t: OroT; onRetry: () => void }) {
  return (
    <Alert data-color="danger">
      <Paragraph>{t('loadFailed')}</Paragraph>
      <Button type="button" variant="secondary" data-size="sm" onClick={onRetry}>
        {t('retry')}
      </Button>
    </Alert>
  );
}
