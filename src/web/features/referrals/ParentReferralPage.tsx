import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Field, Label, Link, Paragraph, Select, Textarea, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { isApiError } from '../../api/client';
import { offersQuery } from '../offers/queries';
import { PARENT_CONSENT_METHODS } from '../../../shared/referrals';
import { REFERRAL_PATHS, referParent, referralKeys } from './queries';
import './referrals.css';

const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** BVC/MVC: refer a parent to parenting support without a case, on the parent's own consent (issue 15 §6). */
export default function ParentReferralPage() {
  const { t } = useTranslation('referrals');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const offers = useQuery(offersQuery());
  const parentOffers = (offers.data?.offers ?? []).filter((offer) => offer.targetGroup !== 'unga' && !offer.ended);
  const [draft, setDraft] = useState({ offerId: '', parentName: '', parentPhone: '', consentGivenBy: '', consentOn: todayIso(), consentMethod: 'muntligt' as (typeof PARENT_CONSENT_METHODS)[number], note: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft, value: string) => setDraft((current) => ({ ...current, [key]: value }));

  const submit = async () => {
    setBusy(true);
    setErrors({});
    try {
      await referParent({ ...draft, parentPhone: draft.parentPhone.trim() || null });
      await queryClient.invalidateQueries({ queryKey: referralKeys.all });
      void navigate(`${REFERRAL_PATHS.inbox}?box=skickade&sparad=1`);
    } catch (caught) {
      setErrors(isApiError(caught) ? { form: caught.message, ...caught.fields } : { form: t('answer.failed') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('parent.title')}>
      <Paragraph>
        <Link asChild>
          <RouterLink to={REFERRAL_PATHS.inbox}>{t('inbox.title')}</RouterLink>
        </Link>
      </Paragraph>
      <Paragraph>{t('parent.intro')}</Paragraph>
      {offers.isPending ? <PageLoading /> : null}
      {offers.isError ? <QueryError error={offers.error} onRetry={() => void offers.refetch()} /> : null}
      {offers.data && parentOffers.length === 0 ? <Paragraph>{t('parent.noOffers')}</Paragraph> : null}
      {offers.data && parentOffers.length > 0 ? (
        <form
          noValidate
          className="referrals-form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Field>
            <Label htmlFor="parent-offer">{t('parent.offer')}</Label>
            <Select id="parent-offer" value={draft.offerId} onChange={(event) => set('offerId', event.target.value)} aria-invalid={errors.offerId ? true : undefined}>
              <option value="">{t('refer.choose')}</option>
              {parentOffers.map((offer) => (
                <option key={offer.id} value={offer.id}>
                  {offer.title} – {offer.providerName} ({offer.hasRoom ? t('refer.room') : t('refer.full')})
                </option>
              ))}
            </Select>
            {errors.offerId ? <ValidationMessage>{errors.offerId}</ValidationMessage> : null}
          </Field>
          <Textfield id="parent-name" label={t('parent.parentName')} value={draft.parentName} onChange={(event) => set('parentName', event.target.value)} error={errors.parentName} autoComplete="off" />
          <Textfield id="parent-phone" label={t('parent.parentPhone')} value={draft.parentPhone} onChange={(event) => set('parentPhone', event.target.value)} error={errors.parentPhone} inputMode="tel" autoComplete="off" />
          <Textfield id="parent-consent-by" label={t('parent.consentGivenBy')} value={draft.consentGivenBy} onChange={(event) => set('consentGivenBy', event.target.value)} error={errors.consentGivenBy} autoComplete="off" />
          <Textfield id="parent-consent-on" type="date" label={t('parent.consentOn')} value={draft.consentOn} onChange={(event) => set('consentOn', event.target.value)} error={errors.consentOn} />
          <Field>
            <Label htmlFor="parent-consent-method">{t('parent.consentMethod')}</Label>
            <Select id="parent-consent-method" value={draft.consentMethod} onChange={(event) => set('consentMethod', event.target.value)}>
              {PARENT_CONSENT_METHODS.map((method) => (
                <option key={method} value={method}>
                  {t(`methods.${method}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field>
            <Label htmlFor="parent-note">{t('parent.note')}</Label>
            <Textarea id="parent-note" rows={3} value={draft.note} onChange={(event) => set('note', event.target.value)} aria-invalid={errors.note ? true : undefined} />
            {errors.note ? <ValidationMessage>{errors.note}</ValidationMessage> : null}
          </Field>
          {errors.form ? (
            <Paragraph role="alert" className="referrals-error">
              {errors.form}
            </Paragraph>
          ) : null}
          <div>
            <Button type="submit" aria-busy={busy || undefined}>
              {t('parent.send')}
            </Button>
          </div>
        </form>
      ) : null}
    </Page>
  );
}
