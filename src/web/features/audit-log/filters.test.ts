import { describe, expect, it } from 'vitest';
import { auditFilterFormSchema, emptyFilterForm, toAuditFilters } from './filters';
import { filterQueryString } from './queries';

describe('audit search filters', () => {
  it('leaves out empty fields, so an empty form searches everything', () => {
    expect(filterQueryString(toAuditFilters(auditFilterFormSchema.parse(emptyFilterForm)))).toBe('');
  });

  it('turns whole days into a range whose end includes the last day (the API end is exclusive)', () => {
    const filters = toAuditFilters(auditFilterFormSchema.parse({ ...emptyFilterForm, from: '2026-03-01', to: '2026-03-03' }));
    expect(new Date(filters.from!).getTime()).toBe(new Date(2026, 2, 1).getTime());
    expect(new Date(filters.to!).getTime()).toBe(new Date(2026, 2, 4).getTime());
  });

  it('reads a reversed range the way it was meant', () => {
    const filters = toAuditFilters(auditFilterFormSchema.parse({ ...emptyFilterForm, from: '2026-03-03', to: '2026-03-01' }));
    expect(new Date(filters.from!).getTime()).toBe(new Date(2026, 2, 1).getTime());
    expect(new Date(filters.to!).getTime()).toBe(new Date(2026, 2, 4).getTime());
  });

  it('refuses a person id that is not a uuid, and passes the set filters on in one query string', () => {
    expect(auditFilterFormSchema.safeParse({ ...emptyFilterForm, personId: '20120315-1234' }).success).toBe(false);
    const filters = toAuditFilters(auditFilterFormSchema.parse({ ...emptyFilterForm, action: 'person.read', outcome: 'denied', userId: ' abc ' }));
    expect(filterQueryString(filters)).toBe('userId=abc&action=person.read&outcome=denied');
  });
});
