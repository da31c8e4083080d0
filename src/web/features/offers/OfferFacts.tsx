import { useTranslation } from 'react-i18next';
import type { PublicOffer } from '../../../shared/offers';
import { ageKey, languageName, PERIOD_KEYS, periodKey, timeText } from './labels';

/** The facts of an offer as a description list, for staff (the public page has its own words). */
export function OfferFacts({ offer }: { offer: PublicOffer }) {
  const { t, i18n } = useTranslation('offers');
  const ages = ageKey(offer);
  const period = periodKey(offer, i18n.language);
  const weekday = (day: number) => t(`weekdays.${day}` as 'weekdays.1');
  return (
    <dl className="offers-facts">
      <dt>{t('facts.provider')}</dt>
      <dd>{offer.providerName}</dd>
      <dt>{t('facts.target')}</dt>
      <dd>
        {t(`targets.${offer.targetGroup}`)}
        {ages ? `, ${t(ages.key, ages.values)}` : ''}
      </dd>
      <dt>{t('facts.languages')}</dt>
      <dd>{offer.languages.map((code) => languageName(code, i18n.language)).join(', ') || '–'}</dd>
      <dt>{t('facts.places')}</dt>
      <dd>{offer.places.map((place) => (place.areaName ? `${place.name} (${place.areaName})` : place.name)).join(', ') || '–'}</dd>
      <dt>{t('facts.period')}</dt>
      <dd>{period ? t(PERIOD_KEYS[period.key], period.values) : t('facts.noPeriod')}</dd>
      <dt>{t('facts.times')}</dt>
      <dd>{offer.times.map((time) => timeText(time, weekday)).join(', ') || t('facts.noTimes')}</dd>
      <dt>{t('facts.cost')}</dt>
      <dd>{offer.cost}</dd>
      <dt>{t('facts.howToRefer')}</dt>
      <dd>{offer.howToRefer || '–'}</dd>
      <dt>{t('facts.contact')}</dt>
      <dd>{[offer.contactLabel, offer.contactPhone, offer.contactEmail].filter(Boolean).join(', ') || '–'}</dd>
    </dl>
  );
}
