import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Details, Field, Label, Paragraph, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { offersQuery } from '../offers/queries';
import { ACTION_TYPE_NAMES, type CaseAction, type CaseDetail } from '../../../shared/cases';
import { caseReferralsQuery, referFromAction, referralKeys } from './queries';
import { PersonFacts, ReferralStatus } from './ReferralCard';
import './referrals.css';

/**
 * The referrals made from one action of the plan, and for the case's director "Hänvisa till insats":
 * choose an offer (those with room first, room shown), who is referred, and whether the provider may
 * read the action's description. What the provider will see is shown back on each referral.
 */
export function ActionReferrals({ detail, action }: { detail: CaseDetail; action: CaseAction }) {
  const { t, i18n } = useTranslation('referrals');
  const referrals = useQuery(caseReferralsQuery(detail.id));
  const mine = (referrals.data?.referrals ?? []).filter((referral) => referral.actionId === action.id);
  return (
    <div className="referrals-actions">
      {mine.map((referral) => (
        <div key={referral.id} className="referrals-card">
          <Paragraph data-size="sm">
            <strong>{referral.offerTitle}</strong> · {referral.providerName}
          </Paragraph>
          <ReferralStatus referral={referral} />
          {referral.answerNote ? <Paragraph data-size="sm">{t('card.answerNote', { note: referral.answerNote })}</Paragraph> : null}
          {referral.outcome ? <Paragraph data-size="sm">{t(`outcomes.${referral.outcome}`)}</Paragraph> : null}
          <PersonFacts referral={referral} />
        </div>
      ))}
      {action.abilities.update ? (
        <Details className="case-add case-add--inline">
          <Details.Summary>
            {t('refer.open')}
            <span className="visually-hidden"> {t('refer.openFor', { what: ACTION_TYPE_NAMES[action.type][i18n.language.startsWith('en') ? 'en' : 'sv'] })}</span>
          </Details.Summary>
          <Details.Content>
            <ReferForm detail={detail} action={action} />
          </Details.Content>
        </Details>
      ) : null}
    </div>
  );
}

function ReferForm({ detail, action }: { detail: CaseDetail; action: CaseAction }) {
  const { t } = useTranslation('referrals');
  const queryClient = useQueryClient();
  const offers = useQuery(offersQuery());
  const [offerId, setOfferId] = useState('');
  const [subject, setSubject] = useState('ung');
  const [shareWhat, setShareWhat] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // Offers with room first: the coordinator sees at once where there is a place.
  // An offer whose period is over takes no referral (the server refuses it too).
  const choices = [...(offers.data?.offers ?? [])].filter((offer) => !offer.ended).sort((a, b) => Number(b.hasRoom) - Number(a.hasRoom) || a.title.localeCompare(b.title, 'sv'));
  const id = (name: string) => `refer-${name}-${action.id}`;

  const submit = async () => {
    setBusy(true);
    setErrors({});
    try {
      const guardianId = subject === 'ung' ? null : subject;
      await referFromAction(detail.id, action.id, { offerId, subject: guardianId ? 'vardnadshavare' : 'ung', guardianId, shareWhat });
      setOfferId('');
      await queryClient.invalidateQueries({ queryKey: referralKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['offers'] });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    } catch (caught) {
      setErrors(isApiError(caught) ? { form: caught.message, ...caught.fields } : { form: t('answer.failed') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      className="referrals-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Paragraph data-size="sm">{t('refer.help')}</Paragraph>
      <Field data-size="sm">
        <Label htmlFor={id('offer')}>{t('refer.offer')}</Label>
        <Select id={id('offer')} value={offerId} onChange={(event) => setOfferId(event.target.value)} aria-invalid={errors.offerId ? true : undefined}>
          <option value="">{t('refer.choose')}</option>
          {choices.map((offer) => (
            <option key={offer.id} value={offer.id}>
              {offer.title} – {offer.providerName} ({offer.hasRoom ? t('refer.room') : t('refer.full')})
            </option>
          ))}
        </Select>
        {errors.offerId ? <ValidationMessage>{errors.offerId}</ValidationMessage> : null}
      </Field>
      <Field data-size="sm">
        <Label htmlFor={id('subject')}>{t('refer.subject')}</Label>
        <Select id={id('subject')} value={subject} onChange={(event) => setSubject(event.target.value)} aria-invalid={errors.subject || errors.guardianId ? true : undefined}>
          <option value="ung">{t('subjects.ung')}</option>
          {detail.guardians.map((guardian) => (
            <option key={guardian.guardianId} value={guardian.guardianId}>
              {t('refer.guardian', { name: guardian.name })}
            </option>
          ))}
        </Select>
        {errors.subject || errors.guardianId ? <ValidationMessage>{errors.subject ?? errors.guardianId}</ValidationMessage> : null}
      </Field>
      <Checkbox id={id('share')} data-size="sm" label={t('refer.shareWhat')} checked={shareWhat} onChange={(event) => setShareWhat(event.target.checked)} />
      {errors.form && !errors.offerId && !errors.subject ? (
        <Paragraph role="alert" data-size="sm" className="referrals-error">
          {errors.form}
        </Paragraph>
      ) : null}
      <div>
        <Button type="submit" data-size="sm" aria-busy={busy || undefined}>
          {t('refer.send')}
        </Button>
      </div>
    </form>
  );
}
