import { Link as RouterLink } from 'react-router';
import { Link, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import { ACTION_TYPE_NAMES, MEETING_KIND_NAMES } from '../../../shared/cases';
import type { ActionItem, AttentionCard, ConcernItem, ConsentItem, InvitationItem, LogReviewItem, MeetingItem } from '../../../shared/attention';
import { LOG_REVIEW_FLAG_NAMES } from '../../../shared/log-review';

const nameIn = <K extends string>(names: Record<K, { sv: string; en: string }>, key: K, language: string) => (language === 'en' ? names[key].en : names[key].sv);

function ItemLink({ to, children }: { to: string; children: string }) {
  return (
    <Link asChild>
      <RouterLink to={to}>{children}</RouterLink>
    </Link>
  );
}

function OverdueTag({ state }: { state: 'ok' | 'near' | 'overdue' }) {
  const { t } = useTranslation('home');
  if (state === 'ok') return null;
  return (
    <Tag data-color={state === 'overdue' ? 'danger' : 'warning'} data-size="sm">
      {t(state === 'overdue' ? 'attention.overdue' : 'attention.near')}
    </Tag>
  );
}

function ConcernEntry({ item }: { item: ConcernItem }) {
  const { t } = useTranslation('home');
  const format = useFormatters();
  return (
    <>
      <ItemLink to={item.href}>{t('attention.concerns.item', { reference: item.reference })}</ItemLink>
      <span className="attention-card__meta">
        {item.nextDeadline ? (
          <>
            <span>{t(`attention.concerns.${item.nextDeadline.kind}`, { time: format.dateTime(item.nextDeadline.dueAt) })}</span>
            <OverdueTag state={item.nextDeadline.state} />
          </>
        ) : null}
      </span>
      <span className="attention-card__meta">
        <span>{t('attention.concerns.received', { date: format.dateTime(item.receivedAt) })}</span>
        <span>{item.assignedToMe ? t('attention.concerns.assignedToMe') : t('attention.concerns.unassigned')}</span>
      </span>
    </>
  );
}

function ActionEntry({ item, card }: { item: ActionItem; card: 'commitments' | 'assignedActions' }) {
  const { t, i18n } = useTranslation('home');
  const format = useFormatters();
  return (
    <>
      <ItemLink to={item.href}>{`${nameIn(ACTION_TYPE_NAMES, item.type, i18n.language)} – ${item.personName}`}</ItemLink>
      <span className="attention-card__meta">
        <span>{t(`attention.${card}.due`, { date: format.date(item.dueOn) })}</span>
        {item.overdue ? <OverdueTag state="overdue" /> : null}
        {card === 'commitments' && item.mine ? <span>{t('attention.commitments.mine')}</span> : null}
      </span>
    </>
  );
}

function MeetingEntry({ item }: { item: MeetingItem }) {
  const { t, i18n } = useTranslation('home');
  const format = useFormatters();
  return (
    <>
      <ItemLink to={item.href}>{`${nameIn(MEETING_KIND_NAMES, item.kind, i18n.language)} – ${item.personName}`}</ItemLink>
      <span className="attention-card__meta">{t('attention.meetings.on', { date: format.date(item.heldOn) })}</span>
    </>
  );
}

function ConsentEntry({ item }: { item: ConsentItem }) {
  const { t } = useTranslation('home');
  const format = useFormatters();
  return (
    <>
      <ItemLink to={item.href}>{t('attention.consents.item', { name: item.personName })}</ItemLink>
      <span className="attention-card__meta">{t('attention.consents.validTo', { date: format.date(item.validTo) })}</span>
    </>
  );
}

function InvitationEntry({ item }: { item: InvitationItem }) {
  const { t } = useTranslation('home');
  const format = useFormatters();
  return (
    <>
      <ItemLink to={item.href}>{item.name}</ItemLink>
      <span className="attention-card__meta">
        <span>{item.email}</span>
        <span>{t('attention.invitations.invited', { date: format.date(item.invitedAt) })}</span>
      </span>
    </>
  );
}

function LogReviewEntry({ item }: { item: LogReviewItem }) {
  const { t, i18n } = useTranslation('home');
  const format = useFormatters();
  return (
    <>
      <ItemLink to={item.href}>
        {t('attention.logReviews.item', { kind: nameIn(LOG_REVIEW_FLAG_NAMES, item.kind, i18n.language), user: item.userName ?? t('attention.logReviews.noUser') })}
      </ItemLink>
      <span className="attention-card__meta">{t('attention.logReviews.day', { date: format.date(item.day), count: item.count })}</span>
    </>
  );
}

/** The items of one card, each a link to where the work is done. */
export function AttentionItems({ card }: { card: AttentionCard }) {
  const entries = (() => {
    switch (card.id) {
      case 'concerns':
        return card.items.map((item) => ({ key: item.id, node: <ConcernEntry item={item} /> }));
      case 'commitments':
      case 'assignedActions':
        return card.items.map((item) => ({ key: item.id, node: <ActionEntry item={item} card={card.id} /> }));
      case 'meetings':
        return card.items.map((item) => ({ key: item.id, node: <MeetingEntry item={item} /> }));
      case 'consents':
        return card.items.map((item) => ({ key: item.id, node: <ConsentEntry item={item} /> }));
      case 'invitations':
        return card.items.map((item) => ({ key: item.userId, node: <InvitationEntry item={item} /> }));
      case 'logReviews':
        return card.items.map((item) => ({ key: item.id, node: <LogReviewEntry item={item} /> }));
    }
  })();
  return (
    <ul className="attention-card__items">
      {entries.map((entry) => (
        <li key={entry.key}>{entry.node}</li>
      ))}
    </ul>
  );
}
