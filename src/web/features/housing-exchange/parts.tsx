import type { ReactNode } from 'react';
import { Link as DsLink, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { areaName } from '../../../shared/municipalities';
import type { ExchangeSide, IncomingOffer, MatchStatus } from '../../../shared/housing-exchange';
import { useFormatters } from '../../i18n/format';
import { EXCHANGE_PATHS } from './queries';

export type ExchangeT = TFunction<'housingExchange'>;

/** A municipality or region by its SCB code, in words; an unknown code says so rather than vanishing. */
export function areaLabel(code: string, t: ExchangeT): string {
  return areaName(code) ?? t('common.unknownArea', { code });
}

export const areasLabel = (codes: readonly string[], t: ExchangeT) => (codes.length === 0 ? t('common.none') : codes.map((c) => areaLabel(c, t)).join(', '));

/** "3 personer, 2 rum" for a heading or a link. */
export function householdLabel(t: ExchangeT, householdSize: number, rooms: number): { household: string; rooms: string } {
  return { household: t('common.household', { count: householdSize }), rooms: t('common.rooms', { count: rooms }) };
}

/** An offer in one line: rooms, size, where, when. */
export function OfferLine({ offer }: { offer: Pick<IncomingOffer, 'rooms' | 'sizeSqm' | 'municipalityCode' | 'district' | 'availableFrom'> }) {
  const { t } = useTranslation('housingExchange');
  const format = useFormatters();
  const area = offer.district ? `${areaLabel(offer.municipalityCode, t)}, ${offer.district}` : areaLabel(offer.municipalityCode, t);
  return (
    <>
      {t('request.offerLine', {
        rooms: t('common.rooms', { count: offer.rooms }),
        size: t('common.sqm', { count: offer.sizeSqm }),
        area,
        available: t('common.availableFrom', { date: format.date(offer.availableFrom) }),
      })}
    </>
  );
}

export function MatchStatusTag({ status }: { status: MatchStatus }) {
  const { t } = useTranslation('housingExchange');
  const color = status === 'avbojd' || status === 'aterkallad' ? 'neutral' : status === 'foreslagen' || status === 'accepterad' ? 'warning' : 'success';
  return <Tag data-color={color}>{t(`matchStatuses.${status}`)}</Tag>;
}

export function sideLabel(side: ExchangeSide, t: ExchangeT): string {
  return side === 'sender' ? t('match.sideSender') : t('match.sideReceiver');
}

export function BackToStart() {
  const { t } = useTranslation('housingExchange');
  return (
    <p>
      <DsLink asChild>
        <RouterLink to={EXCHANGE_PATHS.start}>{t('common.back')}</RouterLink>
      </DsLink>
    </p>
  );
}

/** A labelled list of facts (dl), which reflows to one column on a phone. */
export function Facts({ items }: { items: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="exchange-facts">
      {items.map(([term, value]) => (
        <div key={term} className="exchange-facts__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export { nextStepFor, swedishToday, type NextStep } from './steps';
