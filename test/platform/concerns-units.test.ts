import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBlindIndex } from '../../src/server/crypto/field-cipher';
import { deadlinesFor, deadlineState } from '../../src/server/modules/concerns/deadlines';
import { formTokenAccepted, mintFormToken } from '../../src/server/modules/concerns/form-token';
import { concernRules, type ConcernResource } from '../../src/server/modules/concerns/policy';
import { hashTypedCode, newReceiptCode } from '../../src/server/modules/concerns/receipt-code';
import { stateAllows, statusAfter } from '../../src/server/modules/concerns/status';
import { can } from '../../src/server/policy/can';
import type { Actor } from '../../src/server/policy/actor';
import type { Role } from '../../src/shared/roles';
import {
  CONCERN_CATEGORIES,
  PLACE_EVENT_TYPES,
  RECEIPT_ALPHABET,
  formatReceiptCode,
  hasDutyToReport,
  normaliseReceiptCode,
  placeTextWarnings,
} from '../../src/shared/concerns';

const blindIndex = createBlindIndex(randomBytes(32));

describe('receipt codes', () => {
  it('uses an alphabet of 22 symbols without look-alikes', () => {
    expect(RECEIPT_ALPHABET).toHaveLength(22);
    expect(new Set(RECEIPT_ALPHABET).size).toBe(22);
    for (const lookAlike of '0O1IL5S2Z8B6GQ') expect(RECEIPT_ALPHABET).not.toContain(lookAlike);
  });

  it('draws 12 symbols, shown in three groups, and hashes the canonical form', () => {
    const code = newReceiptCode(blindIndex);
    expect(code.display).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const canonical = code.display.replace(/-/g, '');
    expect(normaliseReceiptCode(canonical)).toBe(canonical);
    expect(hashTypedCode(blindIndex, code.display.toLowerCase())).toBe(code.hash);
    expect(code.hash).not.toContain(canonical);
  });

  it('normalises case, dashes and spaces, and refuses anything else', () => {
    expect(normaliseReceiptCode(' xkr4 – mpt7 – 3wa9 ')).toBe('XKR4MPT73WA9');
    expect(normaliseReceiptCode('XKR4-MPT7-3WA')).toBeNull();
    expect(normaliseReceiptCode('XKR4-MPT7-3WA9-A')).toBeNull();
    expect(normaliseReceiptCode('XKR4-MPT7-3WA0')).toBeNull();
    expect(formatReceiptCode('XKR4MPT73WA9')).toBe('XKR4-MPT7-3WA9');
  });
});

describe('form tokens', () => {
  it('accepts a token from 3 seconds to a day old, signed with our key', () => {
    const now = Date.now();
    expect(formTokenAccepted(blindIndex, mintFormToken(blindIndex, now - 4000), 3, now)).toBe(true);
    expect(formTokenAccepted(blindIndex, mintFormToken(blindIndex, now - 2000), 3, now)).toBe(false);
    expect(formTokenAccepted(blindIndex, mintFormToken(blindIndex, now - 25 * 3600_000), 3, now)).toBe(false);
    expect(formTokenAccepted(blindIndex, mintFormToken(createBlindIndex(randomBytes(32)), now - 4000), 3, now)).toBe(false);
    expect(formTokenAccepted(blindIndex, 'garbage', 3, now)).toBe(false);
  });
});

describe('deadlines in Stockholm time', () => {
  it('falls due at the end of the Stockholm day of receipt, and of the fourteenth day after', () => {
    // 23:30 UTC on 14 January is 00:30 on 15 January in Stockholm (winter, UTC+1).
    const winter = deadlinesFor(new Date('2026-01-14T23:30:00Z'));
    expect(winter.assessmentDueAt.toISOString()).toBe('2026-01-15T22:59:59.999Z');
    expect(winter.decisionDueAt.toISOString()).toBe('2026-01-29T22:59:59.999Z');
    // Summer (UTC+2); the decision deadline crosses into winter time at the end of October.
    const summer = deadlinesFor(new Date('2026-10-20T10:00:00Z'));
    expect(summer.assessmentDueAt.toISOString()).toBe('2026-10-20T21:59:59.999Z');
    expect(summer.decisionDueAt.toISOString()).toBe('2026-11-03T22:59:59.999Z');
  });

  it('says ok, near or overdue; a met deadline is ok', () => {
    const due = new Date('2026-01-15T22:59:59.999Z');
    expect(deadlineState(due, null, 4 * 3600_000, new Date('2026-01-15T12:00:00Z'))).toBe('ok');
    expect(deadlineState(due, null, 4 * 3600_000, new Date('2026-01-15T20:00:00Z'))).toBe('near');
    expect(deadlineState(due, null, 4 * 3600_000, new Date('2026-01-16T08:00:00Z'))).toBe('overdue');
    expect(deadlineState(due, new Date('2026-01-15T09:00:00Z'), 4 * 3600_000, new Date('2026-01-16T08:00:00Z'))).toBe('ok');
  });
});

describe('state machine', () => {
  const open = { kind: 'person', status: 'mottagen', assessedAt: null, decidedAt: null, personId: null };
  it('allows an assessment first, then a decision, and nothing but notes when closed', () => {
    expect(stateAllows('assess', open)).toBe(true);
    expect(stateAllows('decide', open)).toBe(false);
    const assessed = { ...open, status: 'under_bedomning', assessedAt: new Date() };
    expect(stateAllows('assess', assessed)).toBe(false);
    expect(stateAllows('decide', assessed)).toBe(true);
    const closed = { ...assessed, status: 'avslutad', decidedAt: new Date() };
    for (const action of ['assign', 'assess', 'decide', 'forward', 'close'] as const) expect(stateAllows(action, closed)).toBe(false);
    expect(stateAllows('addNote', closed)).toBe(true);
    expect(stateAllows('assess', { ...open, kind: 'place' })).toBe(false);
    expect(statusAfter('assess', 'mottagen')).toBe('under_bedomning');
    expect(statusAfter('forward', 'under_bedomning')).toBe('vidarebefordrad');
    expect(statusAfter('decide', 'vidarebefordrad')).toBe('avslutad');
  });
});

describe('policy', () => {
  const actor = (role: Role, organisationId = 'org-social', userId = 'user-1'): Actor => ({
    userId,
    sessionId: 's',
    tenantId: 'tenant-1',
    tenantName: 'T',
    membershipId: 'm',
    organisationId,
    organisationName: 'O',
    organisationType: 'socialtjanst',
    organisationIsAuthority: true,
    role,
  });
  const concern = (overrides: Partial<ConcernResource> = {}): ConcernResource => ({
    kind: 'concern',
    tenantId: 'tenant-1',
    id: 'c-1',
    concernKind: 'person',
    receivingOrganisationId: 'org-social',
    assignedUserId: null,
    ...overrides,
  });

  it('lets only the receiving intake unit and the assigned case officer read a concern about a person', () => {
    expect(can(actor('mottagning'), 'read', concern())).toBe(true);
    expect(can(actor('handlaggare'), 'read', concern())).toBe(false);
    expect(can(actor('handlaggare'), 'read', concern({ assignedUserId: 'user-1' }))).toBe(true);
    expect(can(actor('mottagning', 'org-other'), 'read', concern())).toBe(false);
    expect(can(actor('mottagning'), 'read', concern({ tenantId: 'tenant-2' }))).toBe(false);
    for (const role of ['koordinator', 'polis', 'skolpersonal', 'fritidsledare', 'est_rapportor', 'administrator', 'loggranskare', 'analytiker'] as const) {
      expect(can(actor(role), 'read', concern()), role).toBe(false);
    }
  });

  it('gives place reports to the EST reporters and coordinators of the receiving organisation', () => {
    const place = concern({ concernKind: 'place', receivingOrganisationId: 'org-est' });
    expect(can(actor('est_rapportor', 'org-est'), 'read', place)).toBe(true);
    expect(can(actor('koordinator', 'org-est'), 'close', place)).toBe(true);
    expect(can(actor('mottagning', 'org-est'), 'read', place)).toBe(false);
    expect(can(actor('est_rapportor', 'org-est'), 'assess', place)).toBe(false);
  });

  it('keeps assignment with the intake unit, and routing with the administrator', () => {
    expect(can(actor('mottagning'), 'assign', concern())).toBe(true);
    expect(can(actor('handlaggare'), 'assign', concern({ assignedUserId: 'user-1' }))).toBe(false);
    expect(concernRules.configureRouting!(actor('administrator'), concern({ id: null }))).toBe(true);
    expect(concernRules.configureRouting!(actor('mottagning'), concern({ id: null }))).toBe(false);
  });
});

describe('vocabulary', () => {
  it('has the nine concern categories and the eight EST event types of DOMAIN.md', () => {
    expect(CONCERN_CATEGORIES).toHaveLength(9);
    expect(PLACE_EVENT_TYPES).toHaveLength(8);
  });

  it('gives the duty to report to professionals of school, health care, social services and police only', () => {
    for (const type of ['skola', 'halso_sjukvard', 'socialtjanst', 'polis'] as const) expect(hasDutyToReport('yrkesperson', type)).toBe(true);
    expect(hasDutyToReport('yrkesperson', 'annan')).toBe(false);
    expect(hasDutyToReport('forening', 'skola')).toBe(false);
  });

  it('warns when a place report seems to name a person or hold a personnummer', () => {
    expect(placeTextWarnings('Gänget vid busshållplatsen')).toEqual({ identityNumber: false, fullName: false });
    expect(placeTextWarnings('Det var 20100314-9828 igen')).toMatchObject({ identityNumber: true });
    expect(placeTextWarnings('Det var Kalle Demosson igen')).toMatchObject({ fullName: true });
  });
});
