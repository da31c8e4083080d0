import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { Alert, Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { api } from '../../api/client';
import { associationGuideSchema, concernFormPath, type AssociationGuide } from '../../../shared/associations';
import { CONCERN_PATHS } from '../../../shared/concerns';
import { useOroText, type OroT } from './oro-text';
import { EmergencyBox, LanguageChooser, withLtrNumbers } from './PublicParts';
import { LoadFailed, TenantChooser, useFormLanguage } from './OroFormPage';
import { rememberTenant } from './tenant-memory';
import './public.css';

/**
 * The API gives absolute URLs (for posters and other sites); on our own page we load them from our own
 * origin, so the page works behind any host name and the CSP stays 'self'.
 */
const sameOrigin = (url: string) => {
  const parsed = new URL(url, window.location.origin);
  return parsed.pathname + parsed.search;
};

/** /oro/forening?tenant=<slug>: "Så gör du med din oro", for associations and sports clubs. */
export default function AssociationGuidePage() {
  const [language, setLanguage] = useFormLanguage();
  const { t, ready } = useOroText(language);
  const [params] = useSearchParams();
  const slug = params.get('tenant');
  const guide = useQuery({
    queryKey: ['public', 'association-guide', slug],
    queryFn: () => api(`/api/public/tenants/${encodeURIComponent(slug ?? '')}/association-guide`, { schema: associationGuideSchema }),
    enabled: Boolean(slug),
  });
  const found = guide.data ? slug : null;
  useEffect(() => {
    if (found) rememberTenant(found);
  }, [found]);
  if (!ready) return <PageLoading />;
  return (
    <Page title={t('guide.title')} width="narrow">
      <LanguageChooser t={t} language={language} onChange={setLanguage} />
      {!slug ? <TenantChooser t={t} basePath="/oro/forening" /> : null}
      {slug && guide.isPending ? <Paragraph>{t('loading')}</Paragraph> : null}
      {slug && guide.isError ? <LoadFailed t={t} onRetry={() => void guide.refetch()} /> : null}
      {guide.data ? <Guide t={t} guide={guide.data} /> : null}
    </Page>
  );
}

function Guide({ t, guide }: { t: OroT; guide: AssociationGuide }) {
  const contact = guide.contact;
  return (
    <div className="stack">
      <Paragraph>{t('guide.intro', { tenant: guide.tenant.name })}</Paragraph>
      <Heading level={2} data-size="sm">
        {t('guide.stepsHeading')}
      </Heading>
      <ol>
        <li>{withLtrNumbers(t('guide.step1'))}</li>
        <li>{t('guide.step2')}</li>
        <li>{t('guide.step3')}</li>
        <li>{t('guide.step4')}</li>
      </ol>
      {guide.acceptsConcerns ? (
        <Paragraph>
          <Link asChild>
            <RouterLink to={concernFormPath(guide.tenant.slug)}>{t('guide.formLink')}</RouterLink>
          </Link>
        </Paragraph>
      ) : (
        <Alert data-color="warning">{t('guide.notAccepted')}</Alert>
      )}
      <Heading level={2} data-size="sm">
        {t('guide.afterHeading')}
      </Heading>
      <ul>
        <li>{t('guide.afterAssessment')}</li>
        <li>
          {t('guide.afterDecision', {
            days: guide.deadlines.decisionWithinDays,
          })}
        </li>
        <li>{t('guide.afterPrivacy')}</li>
      </ul>
      <Paragraph>
        <Link asChild>
          <RouterLink to={CONCERN_PATHS.publicStatus}>{t('receipt.statusLink')}</RouterLink>
        </Link>
      </Paragraph>
      <Heading level={2} data-size="sm">
        {t('guide.contactHeading')}
      </Heading>
      {contact ? (
        <Card data-color="neutral" variant="tinted">
          <Paragraph>{contact.name}</Paragraph>
          {contact.phone ? (
            <Paragraph>
              <Link href={`tel:${contact.phone.replace(/[^0-9+]/g, '')}`}>
                <bdi dir="ltr">{contact.phone}</bdi>
              </Link>
            </Paragraph>
          ) : null}
          {contact.email ? (
            <Paragraph>
              <Link href={`mailto:${contact.email}`}>{contact.email}</Link>
            </Paragraph>
          ) : null}
          {contact.hours ? <Paragraph data-size="sm">{contact.hours}</Paragraph> : null}
        </Card>
      ) : (
        <Paragraph>{t('guide.noContact')}</Paragraph>
      )}
      {guide.socialServicesPhone ? <Paragraph>{withLtrNumbers(t('guide.socialServices', { phone: guide.socialServicesPhone }))}</Paragraph> : null}
      {guide.associations.length > 0 ? (
        <>
          <Heading level={2} data-size="sm">
            {t('guide.associationsHeading')}
          </Heading>
          <ul>
            {guide.associations.map((association) => (
              <li key={association.id}>
                {association.name}: {association.reportingContactName ?? t('guide.noReportingContact')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Heading level={2} data-size="sm">
        {t('guide.posterHeading')}
      </Heading>
      <img className="oro-qr" src={sameOrigin(guide.qrCodeUrl)} alt={t('guide.qrAlt', { tenant: guide.tenant.name })} width={192} height={192} />
      <Paragraph>
        <Link href={sameOrigin(guide.posterUrl)} download>
          {t('guide.poster')}
        </Link>
      </Paragraph>
      <EmergencyBox t={t} socialServicesPhone={guide.socialServicesPhone} />
    </div>
  );
}
