import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Decision, ForumMember } from '../../../shared/forums';
import { useFormatters } from '../../i18n/format';

/** A member as a line: a person with the organisation they sit for, or an organisation. */
export function memberLabel(member: ForumMember, t: TFunction<'forums'>): string {
  if (member.kind === 'organisation') return member.organisationName ?? '';
  const who = member.organisationName ? `${member.name ?? ''} (${member.organisationName})` : (member.name ?? '');
  return member.kind === 'key_person' ? `${who} · ${t('forum.keyPerson')}` : who;
}

/** A decision in one line: what, who owns it, by when, its status; an overdue one is tagged. */
export function DecisionLine({ decision }: { decision: Decision }) {
  const { t } = useTranslation('forums');
  const format = useFormatters();
  return (
    <span>
      {decision.text} – {decision.ownerOrganisationName}
      {decision.ownerName ? `, ${decision.ownerName}` : ''} · {t('decision.due', { date: format.date(decision.dueOn) })} · {t(`statuses.${decision.status}`)}
      {decision.overdue ? (
        <>
          {' '}
          <Tag data-color="danger">{t('decision.overdue')}</Tag>
        </>
      ) : null}
    </span>
  );
}
