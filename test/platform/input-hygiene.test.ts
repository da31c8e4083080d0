import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { TestApp, type TestMember, type TestTenant } from '../factories';
import { line, multiline, publicLine, publicMultiline, token } from '../../src/shared/text';
import { concernBody, intake, newConcern, placeBody, newPlaceReport, readConcern } from './concerns-support';

/**
 * What the API accepts as text: control characters refused with a field message (never a 500 from
 * the database), bidirectional controls removed from what the public writes, and unknown query
 * parameters refused like unknown body fields.
 */

const NUL = '\u0000';
const RLO = '\u202E'; // right-to-left override: "Trojan Source"
const PDF = '\u202C';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ SAMVERKA_PUBLIC_SUBMISSIONS_PER_HOUR: '100000' });
});
afterAll(async () => t.close());

function call(member: TestMember, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, language = 'sv') {
  return t.app.inject({ method, url, headers: { ...member.headers, 'accept-language': language }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

describe('the text helpers (src/shared/text.ts)', () => {
  type Case = [input: string, accepted: string | null];
  const refused = null;
  // Every helper refuses C0 (but tab, LF, CR where text runs over lines), DEL and C1.
  const table: Record<string, { schema: () => z.ZodString; cases: Case[] }> = {
    line: {
      schema: line,
      cases: [
        ['  Anna Svensson ', 'Anna Svensson'],
        ['Åsa Öberg-Ärlig', 'Åsa Öberg-Ärlig'],
        [`An${NUL}na`, refused],
        ['Anna\nSvensson', refused],
        ['Anna\tSvensson', refused],
        ['Anna\rSvensson', refused],
        ['\u0007bell', refused],
        ['escape \u001b[31m', refused],
        ['del\u007f', refused],
        ['next line\u0085', refused],
        ['c1 end\u009f', refused],
        ['Anna\n', 'Anna'], // trailing line breaks are whitespace, trimmed away
        ['no-break\u00a0space', 'no-break\u00a0space'],
        [`kept${RLO}bidi`, `kept${RLO}bidi`],
      ],
    },
    multiline: {
      schema: multiline,
      cases: [
        ['first\nsecond\r\nthird\tcolumn', 'first\nsecond\r\nthird\tcolumn'],
        [`a${NUL}b`, refused],
        ['form\ffeed', refused],
        ['vertical\vtab', refused],
        ['del\u007f', refused],
        ['c1\u0080', refused],
        [`kept${RLO}bidi`, `kept${RLO}bidi`],
      ],
    },
    token: {
      schema: token,
      cases: [
        [' as sent ', ' as sent '],
        [`abc${NUL}`, refused],
        ['a\nb', refused],
        ['a\tb', refused],
      ],
    },
    publicLine: {
      schema: publicLine,
      cases: [
        [`Kalle ${RLO}nossvenS${PDF}`, 'Kalle nossvenS'],
        ['\u2066isolated\u2069 \u200emarks\u200f \u061cArabic mark', 'isolated marks Arabic mark'],
        ['\u202a\u202b\u202d embeddings', 'embeddings'],
        [`Kalle${NUL}`, refused],
        ['Kalle\nAnka', refused],
        ['محمد', 'محمد'],
      ],
    },
    publicMultiline: {
      schema: publicMultiline,
      cases: [
        [`Han sa: ${RLO}gnaps${PDF}\nvid torget`, 'Han sa: gnaps\nvid torget'],
        ['rad ett\r\nrad två', 'rad ett\r\nrad två'],
        [`text${NUL}`, refused],
        ['\u0085', refused],
      ],
    },
  };

  for (const [name, { schema, cases }] of Object.entries(table)) {
    for (const [input, expected] of cases) {
      it(`${name}(): ${JSON.stringify(input)} ${expected === null ? 'is refused' : `gives ${JSON.stringify(expected)}`}`, () => {
        const result = schema().safeParse(input);
        if (expected === null) {
          expect(result.success).toBe(false);
          expect(result.error!.issues[0]).toMatchObject({ code: 'custom', message: 'control_characters' });
        } else {
          expect(result.success).toBe(true);
          expect(result.data).toBe(expected);
        }
      });
    }
  }

  it('reports the control characters before any length rule, so the message says what is wrong', () => {
    const result = line().min(5).safeParse(`a${NUL}`);
    expect(result.error!.issues[0]!.message).toBe('control_characters');
  });
});

describe('NUL characters answer 400 with the field named (they gave 500 from the database before)', () => {
  let tenant: TestTenant;
  let admin: TestMember;
  let coordinator: TestMember;
  let reviewer: TestMember;
  beforeAll(async () => {
    tenant = await t.tenant();
    const home = await t.organisation(tenant, 'socialtjanst', { name: 'Kommunledningen' });
    admin = await t.member(tenant, home, 'administrator');
    coordinator = await t.member(tenant, home, 'koordinator');
    reviewer = await t.member(tenant, home, 'loggranskare');
  });

  const expectFieldRefused = (response: { statusCode: number; json: () => unknown }, field: string, message: string) => {
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: 'validation_failed', message: expect.any(String), fields: { [field]: message } } });
  };
  const SV = expect.stringContaining('styrtecken');
  const EN = expect.stringContaining('control characters');

  it('POST /api/organisations (name), in Swedish and in English', async () => {
    const body = { name: `Haga${NUL}skolan`, type: 'skola', isAuthority: true };
    expectFieldRefused(await call(admin, 'POST', '/api/organisations', body), 'name', SV);
    expectFieldRefused(await call(admin, 'POST', '/api/organisations', body, 'en'), 'name', EN);
  });

  it('PATCH /api/organisations/:id (name)', async () => {
    const org = await t.organisation(tenant, 'skola', { name: 'Hagaskolan' });
    expectFieldRefused(await call(admin, 'PATCH', `/api/organisations/${org.id}`, { name: `Haga${NUL}` }), 'name', SV);
    const unchanged = await call(admin, 'GET', `/api/organisations/${org.id}`);
    expect(unchanged.json().name).toBe('Hagaskolan');
  });

  it('GET /api/persons?q=', async () => {
    expectFieldRefused(await call(coordinator, 'GET', '/api/persons?q=An%00na'), 'q', SV);
    expectFieldRefused(await call(coordinator, 'GET', '/api/persons?q=Anna%00', undefined, 'en'), 'q', EN);
  });

  it('GET /api/audit-log/events?userId= and GET /api/audit-log/export?userId=', async () => {
    expectFieldRefused(await call(reviewer, 'GET', '/api/audit-log/events?userId=%00'), 'userId', SV);
    expectFieldRefused(await call(reviewer, 'GET', '/api/audit-log/events?userId=abc%00def'), 'userId', SV);
    expectFieldRefused(await call(reviewer, 'GET', '/api/audit-log/export?userId=abc%00def', undefined, 'en'), 'userId', EN);
  });

  it('a note may run over lines and hold tabs, but not a bell or NUL; a name is one line', async () => {
    const person = await t.person(tenant);
    const kept = await call(coordinator, 'POST', `/api/persons/${person.id}/notes`, { body: 'Första raden\nAndra raden\tmed tabb' });
    expect(kept.statusCode).toBe(201);
    expectFieldRefused(await call(coordinator, 'POST', `/api/persons/${person.id}/notes`, { body: 'Ring\u0007' }), 'body', SV);
    expectFieldRefused(await call(coordinator, 'PATCH', `/api/persons/${person.id}`, { firstName: 'Anna\nLisa' }), 'firstName', SV);
  });
});

describe('bidirectional controls are removed from what the public writes', () => {
  it('stores and shows a concern without them, the rest of the text as written', async () => {
    const { tenant, mottagning } = await intake(t);
    const { id } = await newConcern(t, tenant, {
      subject: { name: `Kalle ${RLO}nossrednA${PDF}`, approximateAge: 14, school: 'Demoskolan', whereSeen: `Vid ${RLO}torget` },
      description: `Han sa att\n${RLO}gnaps ej${PDF} är "spang" baklänges.`,
      place: `\u2067Köpcentret\u2069 Nian`,
    });
    const detail = (await readConcern(t, mottagning, id)).json();
    expect(detail.subject).toMatchObject({ name: 'Kalle nossrednA', whereSeen: 'Vid torget' });
    expect(detail.description).toBe('Han sa att\ngnaps ej är "spang" baklänges.');
    expect(detail.place.text).toBe('Köpcentret Nian');
    expect(JSON.stringify(detail)).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
  });

  it('does the same for a place report, and refuses NUL in it with the field named', async () => {
    const { tenant } = await intake(t);
    const est = await t.member(tenant, await t.organisation(tenant, 'annan'), 'est_rapportor');
    const { id } = await newPlaceReport(t, tenant, { place: `${RLO}torget`, description: `Gäng ${RLO}samlas${PDF} varje kväll.` });
    const detail = (await readConcern(t, est, id)).json();
    expect(detail.place.text).toBe('torget');
    expect(detail.description).toBe('Gäng samlas varje kväll.');

    const refused = await t.app.inject({ method: 'POST', url: '/api/public/place-reports', payload: placeBody(t, tenant, { description: `Gäng${NUL}` }) });
    expect(refused.statusCode).toBe(400);
    expect(Object.keys(refused.json().error.fields)).toEqual(['description']);
    const concern = await t.app.inject({ method: 'POST', url: '/api/public/concerns', payload: concernBody(t, tenant, { description: `a${NUL}b` }) });
    expect(concern.statusCode).toBe(400);
    expect(Object.keys(concern.json().error.fields)).toEqual(['description']);
  });
});

describe('unknown query parameters are refused, as unknown body fields are', () => {
  let tenant: TestTenant;
  let admin: TestMember;
  let coordinator: TestMember;
  beforeAll(async () => {
    tenant = await t.tenant();
    const home = await t.organisation(tenant, 'socialtjanst');
    admin = await t.member(tenant, home, 'administrator');
    coordinator = await t.member(tenant, home, 'koordinator');
  });

  it('on a route with query parameters of its own, naming the unknown one', async () => {
    const response = await call(admin, 'GET', '/api/organisations?type=skola&sort=name');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual({ sort: 'Okänt fält.' });
    expect((await call(admin, 'GET', '/api/organisations?type=skola')).statusCode).toBe(200);
    const search = await call(coordinator, 'GET', '/api/persons?q=Anna&limit=500', undefined, 'en');
    expect(search.statusCode).toBe(400);
    expect(search.json().error.fields).toEqual({ limit: 'Unknown field.' });
  });

  it('on a route that takes none', async () => {
    const person = await t.person(tenant);
    const read = await call(coordinator, 'GET', `/api/persons/${person.id}?include=guardians`);
    expect(read.statusCode).toBe(400);
    expect(read.json().error.fields).toEqual({ include: 'Okänt fält.' });
    expect((await call(coordinator, 'GET', `/api/persons/${person.id}`)).statusCode).toBe(200);
    const write = await call(admin, 'POST', `/api/organisations?dryRun=true`, { name: 'Nya skolan', type: 'skola', isAuthority: true });
    expect(write.statusCode).toBe(400);
    expect(write.json().error.fields).toEqual({ dryRun: 'Okänt fält.' });
  });

  it('on the public API too', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}?utm_source=affisch` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual({ utm_source: 'Okänt fält.' });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/tenants/${tenant.slug}` })).statusCode).toBe(200);
  });

  it('leaves the web pages and better-auth alone: a page URL may carry its own parameters', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/oro?tenant=kommunen' });
    expect(page.statusCode).not.toBe(400);
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/get-session?disableCookieCache=true', headers: coordinator.headers });
    expect(session.statusCode).toBe(200);
  });
});
