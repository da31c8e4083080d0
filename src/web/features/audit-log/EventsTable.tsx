import { Button, Link, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AUDIT_OUTCOME_NAMES, auditActionName, type AuditEventRow } from '../../../shared/audit';
import { ROLE_KEYS, type Role } from '../../../shared/roles';
import { roleName } from '../../app/role-names';
import { useFormatters } from '../../i18n/format';
import { TableRegion } from '../admin/TableRegion';
import { auditPaths } from './queries';

const isRole = (value: string | null): value is Role => value !== null && (ROLE_KEYS as readonly string[]).includes(value);
const outcomeColour = { allowed: 'success', denied: 'danger', failed: 'warning' } as const;

/** Audit events as a table to scan, newest first, with "load more" when the server has older ones. */
export function EventsTable({
  label,
  events,
  hasMore,
  loadingMore,
  onLoadMore,
  showPerson = true,
}: {
  label: string;
  events: AuditEventRow[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  showPerson?: boolean;
}) {
  const { t, i18n } = useTranslation('auditLog');
  const format = useFormatters();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  return (
    <>
      <TableRegion label={label}>
        <Table zebra data-size="sm">
          <TableHead>
            <TableRow>
              <TableHeaderCell>{t('events.when')}</TableHeaderCell>
              <TableHeaderCell>{t('events.who')}</TableHeaderCell>
              <TableHeaderCell>{t('events.organisationRole')}</TableHeaderCell>
              <TableHeaderCell>{t('events.action')}</TableHeaderCell>
              {showPerson && <TableHeaderCell>{t('events.person')}</TableHeaderCell>}
              <TableHeaderCell>{t('events.outcome')}</TableHeaderCell>
              <TableHeaderCell>{t('events.ip')}</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {events.map((event) => (
              <TableRow key={event.id}>
                <TableCell>{format.dateTime(event.occurredAt)}</TableCell>
                <TableCell>
                  {event.actor ? (
                    <>
                      {event.actor.name ?? t('events.removedAccount')}
                      {event.actor.email && <div className="audit-muted">{event.actor.email}</div>}
                    </>
                  ) : (
                    t('events.system')
                  )}
                </TableCell>
                <TableCell>
                  {event.organisation?.name ?? '–'}
                  {event.role && <div className="audit-muted">{isRole(event.role) ? roleName(event.role, language) : event.role}</div>}
                </TableCell>
                <TableCell>
                  {auditActionName(event.action, language)}
                  {event.legalBasis && <div className="audit-muted">{event.legalBasis}</div>}
                </TableCell>
                {showPerson && (
                  <TableCell>
                    {event.person ? (
                      <Link asChild>
                        <RouterLink to={auditPaths.person(event.person.id)}>{event.person.name ?? t('events.removedPerson')}</RouterLink>
                      </Link>
                    ) : (
                      '–'
                    )}
                  </TableCell>
                )}
                <TableCell>
                  <Tag data-size="sm" data-color={outcomeColour[event.outcome]}>
                    {AUDIT_OUTCOME_NAMES[event.outcome][language]}
                  </Tag>
                </TableCell>
                <TableCell>{event.ip ?? '–'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableRegion>
      {hasMore && (
        <div>
          <Button variant="secondary" aria-busy={loadingMore || undefined} onClick={onLoadMore}>
            {t('events.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}
