import { useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Card, Field, Heading, Label, Link, Paragraph, Textarea } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { paths } from '../../app/paths';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import type { Partner, PartnerList } from '../../../shared/exchange-federation';
import { usersQuery } from '../admin/queries';
import { installationKeyQuery, partnersQuery } from './queries';
import { PartnerCard } from './PartnerCard';
import { PartnerForm } from './PartnerForm';
import './exchange-federation.css';

/**
 * Administration › the housing exchange between installations (issue 16 §5): this installation's id and public
 * key to give a partner, and the tenant's pinned partners. The server decides (administrators only); a 403
 * becomes a clear page, not a broken one.
 */
export default function ExchangeFederationPage() {
  const { t } = useTranslation('exchangeFederation');
  const { t: tc } = useTranslation();
  const partners = useQuery(partnersQuery());
  if (partners.isError && isApiError(partners.error) && partners.error.status === 403) {
    return (
      <Page title={t('forbidden.title')}>
        <Paragraph>{t('forbidden.body')}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RouterLink to={paths.home}>{tc('nav.home')}</RouterLink>
          </Link>
        </Paragraph>
      </Page>
    );
  }
  return (
    <Page title={t('title')} width="wide">
      <Paragraph>
        <Link asChild>
          <RouterLink to={paths.admin}>{t('back')}</RouterLink>
        </Link>
      </Paragraph>
      <Paragraph>{t('intro')}</Paragraph>
      <OwnInstallation />
      <PartnersSection partners={partners} />
    </Page>
  );
}

function OwnInstallation() {
  const { t } = useTranslation('exchangeFederation');
  const key = useQuery(installationKeyQuery());
  const [copied, setCopied] = useState<boolean | null>(null);
  const jwkText = key.data ? JSON.stringify(key.data.jwk) : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(jwkText);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section aria-labelledby="xfed-own-heading" className="xfed-section">
      <Heading level={2} data-size="sm" id="xfed-own-heading">
        {t('own.heading')}
      </Heading>
      {key.isPending ? (
        <PageLoading />
      ) : key.isError ? (
        isApiError(key.error) && key.error.status === 404 ? (
          <Alert data-color="info">
            <Paragraph data-size="sm">{t('own.notConfigured')}</Paragraph>
          </Alert>
        ) : (
          <QueryError error={key.error} onRetry={() => void key.refetch()} />
        )
      ) : (
        <Card data-color="neutral" className="xfed-own">
          <Paragraph data-size="sm">{t('own.intro')}</Paragraph>
          <dl className="xfed-facts">
            <dt>{t('own.installationId')}</dt>
            <dd data-testid="own-installation-id">{key.data.installationId}</dd>
            <dt>{t('own.endpoint')}</dt>
            <dd>{key.data.endpointUrl}</dd>
            <dt>{t('own.thumbprint')}</dt>
            <dd className="xfed-code" data-testid="own-thumbprint">
              {key.data.thumbprint}
            </dd>
          </dl>
          <Field>
            <Label htmlFor="xfed-own-jwk">{t('own.jwk')}</Label>
            <Textarea id="xfed-own-jwk" readOnly rows={3} value={jwkText} className="xfed-code" onFocus={(event) => event.currentTarget.select()} />
          </Field>
          <div className="button-list">
            <Button data-size="sm" onClick={() => void copy()}>
              {t('own.copy')}
            </Button>
          </div>
          <span role="status">{copied === true ? t('own.copied') : copied === false ? t('own.copyFailed') : ''}</span>
        </Card>
      )}
    </section>
  );
}

function PartnersSection({ partners }: { partners: UseQueryResult<PartnerList> }) {
  const { t } = useTranslation('exchangeFederation');
  const users = useQuery({ ...usersQuery(), retry: false });
  const [editing, setEditing] = useState<Partner | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const formRef = useRef<HTMLElement>(null);
  const nameOf = (userId: string) => users.data?.users.find((user) => user.id === userId)?.name ?? userId;
  const announce = (message: string) => {
    setNotice(message);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };
  return (
    <>
      <section aria-labelledby="xfed-partners-heading" className="xfed-section">
        <Heading level={2} data-size="sm" id="xfed-partners-heading">
          {t('partners.heading')}
        </Heading>
        <Paragraph role="status" data-size="sm" ref={noticeRef} tabIndex={-1} className="xfed-notice">
          {notice ?? ''}
        </Paragraph>
        {partners.isPending ? (
          <PageLoading />
        ) : partners.isError ? (
          <QueryError error={partners.error} onRetry={() => void partners.refetch()} />
        ) : partners.data.partners.length === 0 ? (
          <EmptyState title={t('partners.emptyTitle')}>{t('partners.empty')}</EmptyState>
        ) : (
          <ul className="xfed-partners" aria-labelledby="xfed-partners-heading">
            {partners.data.partners.map((partner) => (
              <li key={partner.id}>
                <PartnerCard
                  partner={partner}
                  pinnedByName={nameOf(partner.pinnedBy)}
                  onChange={() => {
                    setEditing(partner);
                    requestAnimationFrame(() => formRef.current?.querySelector('h2')?.focus());
                  }}
                  onUnpinned={() => {
                    if (editing?.id === partner.id) setEditing(null);
                    announce(t('partners.unpinned', { name: partner.name }));
                  }}
                  focusAfterUnpin={() => noticeRef.current}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="xfed-form-heading" className="xfed-section" ref={formRef}>
        <Heading level={2} data-size="sm" id="xfed-form-heading" tabIndex={-1}>
          {editing ? t('form.changeHeading', { name: editing.name }) : t('form.addHeading')}
        </Heading>
        <PartnerForm
          key={editing?.id ?? 'new'}
          editing={editing}
          onSaved={(saved) => {
            setEditing(null);
            announce(t('partners.saved', { name: saved.name, thumbprint: saved.keyThumbprint }));
          }}
          onCancel={() => setEditing(null)}
        />
      </section>
    </>
  );
}
