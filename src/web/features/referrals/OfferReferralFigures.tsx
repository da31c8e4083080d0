import { useQuery } from '@tanstack/react-query';
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { formatCell } from '../../../shared/suppression';
import type { Offer } from '../../../shared/offers';
import { offerFiguresQuery, placementsQuery } from './queries';
import './referrals.css';

const lang = (language: string) => (language.startsWith('en') ? 'en' : 'sv');

/**
 * On an offer's page: its referrals, accepted and completed (suppressed below k for everyone but the
 * coordinators), and for a business's summer job the placements the business has made.
 */
export function OfferReferralFigures({ offer }: { offer: Offer }) {
  const { t, i18n } = useTranslation('referrals');
  const language = lang(i18n.language);
  const figures = useQuery(offerFiguresQuery(offer.id));
  const placements = useQuery({ ...placementsQuery(), enabled: offer.kind === 'feriejobb_praktik' });
  const business = placements.data?.businesses.find((b) => b.organisationId === offer.providerOrganisationId);
  if (!figures.data) return null;
  const rows = [
    ['referred', figures.data.referred],
    ['accepted', figures.data.accepted],
    ['completed', figures.data.completed],
    ['waiting', figures.data.waiting],
  ] as const;
  return (
    <section aria-labelledby="offer-referral-figures">
      <Heading level={2} data-size="xs" id="offer-referral-figures">
        {t('figures.heading')}
      </Heading>
      <dl className="referrals-figures">
        {rows.map(([key, cell]) => (
          <div key={key}>
            <dt>{t(`figures.${key}`)}</dt>
            <dd>{formatCell(cell, language)}</dd>
          </div>
        ))}
      </dl>
      {figures.data.suppressed ? <Paragraph data-size="sm">{t('figures.suppressed', { k: figures.data.k, max: figures.data.k - 1 })}</Paragraph> : null}
      {business ? (
        <>
          <Heading level={3} data-size="2xs">
            {t('figures.placementsHeading')}
          </Heading>
          <Paragraph data-size="sm">{t('figures.placements', { name: business.name, figure: formatCell(business.placements, language) })}</Paragraph>
        </>
      ) : null}
    </section>
  );
}
