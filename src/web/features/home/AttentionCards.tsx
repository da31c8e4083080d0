import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { Card, Heading, Link, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { QueryError } from '../../components/QueryError';
import { attentionCardsFor, type AttentionCard } from '../../../shared/attention';
import type { Role } from '../../../shared/roles';
import { AttentionItems } from './AttentionItems';
import { attentionQuery } from './queries';
import './home.css';

function FilledCard({ card }: { card: AttentionCard }) {
  const { t } = useTranslation('home');
  const headingId = `attention-${card.id}`;
  // The empty text only when the server counted nothing: never while loading, never after an error.
  if (card.total === 0) return <EmptyState title={t(`attention.${card.id}.title`)}>{t(`attention.${card.id}.empty`)}</EmptyState>;
  return (
    <Card data-color="accent" variant="tinted" className="attention-card" data-testid={`attention-${card.id}`}>
      <Heading level={3} data-size="2xs" id={headingId}>
        {t(`attention.${card.id}.title`)}
      </Heading>
      <Paragraph data-size="sm">{t(`attention.${card.id}.count`, { count: card.total })}</Paragraph>
      <AttentionItems card={card} />
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={card.href}>{t('attention.showAll', { count: card.total })}</RouterLink>
        </Link>
      </Paragraph>
    </Card>
  );
}

/** "Det här behöver din uppmärksamhet": the server's cards for this role, each a short list with links. */
export function AttentionCards({ role }: { role: Role }) {
  const { t } = useTranslation('home');
  const attention = useQuery(attentionQuery());
  const expected = attentionCardsFor(role);
  if (expected.length === 0) return null;

  return (
    <section aria-labelledby="attention-heading" className="stack" aria-busy={attention.isPending}>
      <Heading level={2} data-size="sm" id="attention-heading">
        {t('attention.heading')}
      </Heading>
      {attention.isPending ? (
        <div role="status" className="attention-card__meta">
          <Spinner aria-hidden="true" data-size="sm" />
          <span>{t('attention.loading')}</span>
        </div>
      ) : null}
      {attention.isError ? <QueryError error={attention.error} onRetry={() => void attention.refetch()} /> : null}
      {attention.data ? (
        <ul className="card-grid">
          {attention.data.cards.map((card) => (
            <li key={card.id}>
              <FilledCard card={card} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
