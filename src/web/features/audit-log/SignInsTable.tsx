import { Button, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { AUDIT_OUTCOME_NAMES, securityEventName } from '../../../shared/audit';
import type { SignInEventRow } from '../../../shared/security-log';
import { useFormatters } from '../../i18n/format';
import { TableRegion } from '../admin/TableRegion';

const outcomeColour = { allowed: 'success', denied: 'danger' } as const;

/** Sign-in events as a table to scan, newest first: when, who, what, how, from where, and the outcome. */
export function SignInsTable({
  events,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  events: SignInEventRow[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  const { t, i18n } = useTranslation('auditLog');
  const format = useFormatters();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  /** `password`, `password+totp`, `oidc:<provider>` in words; an unknown method as it is. */
  const methodName = (method: string): string => {
    if (method.startsWith('oidc:')) return t('signIns.methods.oidc', { provider: method.slice(5) });
    if (method === 'password') return t('signIns.methods.password');
    if (method === 'password+totp') return t('signIns.methods.password_totp');
    if (method === 'password+backup-code') return t('signIns.methods.password_backup_code');
    return method;
  };
  return (
    <>
      <TableRegion label={t('signIns.tableLabel')}>
        <Table zebra data-size="sm">
          <TableHead>
            <TableRow>
              <TableHeaderCell>{t('events.when')}</TableHeaderCell>
              <TableHeaderCell>{t('signIns.user')}</TableHeaderCell>
              <TableHeaderCell>{t('signIns.kind')}</TableHeaderCell>
              <TableHeaderCell>{t('events.outcome')}</TableHeaderCell>
              <TableHeaderCell>{t('events.ip')}</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {events.map((event) => (
              <TableRow key={event.id}>
                <TableCell>{format.dateTime(event.occurredAt)}</TableCell>
                <TableCell>
                  {event.user.name ?? t('events.removedAccount')}
                  {event.user.email && <div className="audit-muted">{event.user.email}</div>}
                </TableCell>
                <TableCell>
                  {securityEventName(event.kind, language)}
                  {(event.method || event.reason) && (
                    <div className="audit-muted">{[event.method && methodName(event.method), event.reason].filter(Boolean).join(' · ')}</div>
                  )}
                </TableCell>
                <TableCell>
                  <Tag data-size="sm" data-color={outcomeColour[event.outcome]}>
                    {AUDIT_OUTCOME_NAMES[event.outcome][language]}
                  </Tag>
                </TableCell>
                <TableCell>
                  {event.ip ?? '–'}
                  {event.userAgent && <div className="audit-muted">{event.userAgent}</div>}
                </TableCell>
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

