import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useFormatters } from '../../i18n/format';
import type { Partner } from '../../../shared/exchange-federation';
import { federationKeys, unpinPartner } from './queries';

/** One pinned partner: whom and which key, its tenants, who pinned it; change or unpin (with a confirm). */
export function PartnerCard({
  partner,
  pinnedByName,
  onChange,
  onUnpinned,
  focusAfterUnpin,
}: {
  partner: Partner;
  pinnedByName: string;
  onChange: () => void;
  onUnpinned: () => void;
  focusAfterUnpin: () => HTMLElement | null;
}) {
  const { t } = useTranslation('exchangeFederation');
  const { t: tc } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const unpin = useMutation({
    mutationFn: () => unpinPartner(partner.id),
    onSuccess: async () => {
      setConfirming(false);
      onUnpinned();
      await queryClient.invalidateQueries({ queryKey: federationKeys.partners() });
    },
  });
  const headingId = `xfed-partner-${partner.id}`;
  return (
    <Card data-color="neutral" className="xfed-partner" data-testid="xfed-partner">
      <Heading level={3} data-size="xs" id={headingId}>
        {partner.name}
      </Heading>
      <dl className="xfed-facts">
        <dt>{t('partners.installationId')}</dt>
        <dd>{partner.installationId}</dd>
        <dt>{t('partners.endpoint')}</dt>
        <dd className="xfed-code">{partner.endpointUrl}</dd>
        <dt>{t('partners.thumbprint')}</dt>
        <dd className="xfed-code">{partner.keyThumbprint}</dd>
        <dt>{t('partners.tenants')}</dt>
        <dd>
          <ul className="xfed-tenants">
            {partner.tenants.map((tenant) => (
              <li key={tenant.tenantId}>{t('partners.tenant', { name: tenant.name, code: tenant.municipalityCode })}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('partners.pinned')}</dt>
        <dd>{t('partners.pinnedBy', { when: format.dateTime(partner.pinnedAt), who: pinnedByName })}</dd>
      </dl>
      {(partner.outbox.pending > 0 || partner.outbox.failed > 0) && (
        <Paragraph data-size="sm">{t('partners.outbox', { pending: partner.outbox.pending, failed: partner.outbox.failed })}</Paragraph>
      )}
      <div className="button-list">
        <Button data-size="sm" variant="secondary" onClick={onChange} aria-describedby={headingId}>
          {t('partners.change')}
        </Button>
        <Button data-size="sm" variant="secondary" data-color="danger" ref={opener} onClick={() => setConfirming(true)} aria-describedby={headingId}>
          {t('partners.unpin')}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('partners.unpinTitle', { name: partner.name })}
        confirmLabel={t('partners.unpinConfirm')}
        cancelLabel={t('form.cancel')}
        pending={unpin.isPending}
        error={
          unpin.isError ? (
            <Alert data-color="danger" role="alert">
              <Paragraph data-size="sm">{isApiError(unpin.error) && unpin.error.message ? unpin.error.message : tc('errors.generic')}</Paragraph>
            </Alert>
          ) : undefined
        }
        onConfirm={() => unpin.mutate()}
        onCancel={() => {
          setConfirming(false);
          unpin.reset();
        }}
        focusAfterClose={() => (opener.current?.isConnected ? opener.current : focusAfterUnpin())}
      >
        <Paragraph>{t('partners.unpinBody', { name: partner.name, installationId: partner.installationId })}</Paragraph>
      </ConfirmDialog>
    </Card>
  );
}
