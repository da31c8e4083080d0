import type { Tx } from '../../db/client';
import type { Language } from '../../http/messages';
import { ROLES, type Role } from '../../../shared/roles';
import { AUDIT_EXPORT_MAX_ROWS, AUDIT_OUTCOME_NAMES, auditActionName, type AuditEventRow, type AuditFilters } from '../../../shared/audit';
import { csvDocument, type CsvSeparator } from './csv';
import { searchEvents } from './search-events';
import type { EventCursor } from './cursor';

const BATCH = 5_000;

/** Collects up to AUDIT_EXPORT_MAX_ROWS events of a search, newest first, and says whether more matched. */
export async function collectForExport(tx: Tx, tenantId: string, filters: AuditFilters): Promise<{ events: AuditEventRow[]; truncated: boolean }> {
  const events: AuditEventRow[] = [];
  let cursor: EventCursor | null = null;
  for (;;) {
    const room = AUDIT_EXPORT_MAX_ROWS - events.length;
    const page = await searchEvents(tx, tenantId, filters, { cursor, limit: Math.min(BATCH, room) });
    events.push(...page.events);
    if (!page.last) return { events, truncated: false };
    if (events.length >= AUDIT_EXPORT_MAX_ROWS) return { events, truncated: true };
    cursor = page.last;
  }
}

const HEADERS: Record<Language, string[]> = {
  sv: ['Tidpunkt (svensk tid)', 'Användare', 'E-post', 'Organisation', 'Roll', 'Händelse', 'Händelsekod', 'Resurstyp', 'Resurs-id', 'Person-id', 'Person', 'Rättslig grund', 'Utfall', 'IP-adress', 'Webbläsare', 'Detaljer', 'Händelse-id', 'Kedja', 'Nummer'],
  en: ['Time (Swedish time)', 'User', 'E-mail', 'Organisation', 'Role', 'Event', 'Event code', 'Resource type', 'Resource id', 'Person id', 'Person', 'Legal basis', 'Outcome', 'IP address', 'User agent', 'Details', 'Event id', 'Chain', 'Number'],
};

const swedishTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function eventsToCsv(events: readonly AuditEventRow[], language: Language, separator: CsvSeparator): string {
  const rows = events.map((event) => [
    swedishTime.format(new Date(event.occurredAt)),
    event.actor?.name ?? event.actor?.userId ?? '',
    event.actor?.email ?? '',
    event.organisation?.name ?? event.organisation?.id ?? '',
    event.role ? (ROLES[event.role as Role]?.[language] ?? event.role) : '',
    auditActionName(event.action, language),
    event.action,
    event.resourceType,
    event.resourceId,
    event.person?.id,
    event.person?.name,
    event.legalBasis,
    AUDIT_OUTCOME_NAMES[event.outcome][language],
    event.ip,
    event.userAgent,
    event.details ? JSON.stringify(event.details) : '',
    event.id,
    event.lane,
    event.seq,
  ]);
  return csvDocument(HEADERS[language], rows, separator);
}
