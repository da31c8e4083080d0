import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { TestApp, randomIdentityNumber } from '../factories';
import { createBlindIndex, createFieldCipher } from '../../src/server/crypto/field-cipher';

// Encryption at rest: the personnummer and note texts never reach the database in plain text,
// yet an allowed reader gets both back through the API.

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

/** Every row of every table outside the system schemas, as JSON text, read as the owner (past RLS). */
async function dumpAllTables(): Promise<string> {
  return t.database.asOwner(async (owner) => {
    const tables = await owner.execute<{ schema: string; name: string }>(sql`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`);
    expect(tables.rows.map((row) => row.name)).toEqual(expect.arrayContaining(['person', 'person_note', 'audit_event']));
    const parts: string[] = [];
    for (const { schema, name } of tables.rows) {
      const rows = await owner.execute<{ dump: string | null }>(
        sql`select string_agg(row_to_json(t)::text, E'\n') as dump from ${sql.identifier(schema)}.${sql.identifier(name)} t`,
      );
      parts.push(`${schema}.${name}\n${rows.rows[0]?.dump ?? ''}`);
    }
    return parts.join('\n');
  });
}

/** The ways a personnummer is commonly written: 12 or 10 digits, with or without the dash. */
function formsOf(twelveDigits: string): string[] {
  const ten = twelveDigits.slice(2);
  return [twelveDigits, ten, `${twelveDigits.slice(0, 8)}-${twelveDigits.slice(8)}`, `${ten.slice(0, 6)}-${ten.slice(6)}`, `${ten.slice(0, 6)}+${ten.slice(6)}`];
}

describe('encryption at rest', () => {
  it('keeps personnummer and note text out of every table, yet returns both to an allowed reader', async () => {
    const tenant = await t.tenant();
    const social = await t.organisation(tenant, 'socialtjanst');
    const officer = await t.member(tenant, social, 'handlaggare');
    const guardianNumber = randomIdentityNumber(1970, 1985);
    const childNumber = randomIdentityNumber();
    const noteText = 'Pojken berättade om hot från äldre killar vid Stationsgatan.';

    const guardian = await t.app.inject({ method: 'POST', url: '/api/persons', headers: officer.headers, payload: { identityNumber: guardianNumber, firstName: 'Maja', lastName: 'Krypt' } });
    const child = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: officer.headers,
      payload: { identityNumber: `${childNumber.slice(2, 8)}-${childNumber.slice(8)}`, firstName: 'Leo', lastName: 'Krypt', guardianIds: [guardian.json().id] },
    });
    expect(child.statusCode).toBe(201);
    const childId = child.json().id as string;
    const note = await t.app.inject({ method: 'POST', url: `/api/persons/${childId}/notes`, headers: officer.headers, payload: { body: noteText } });
    expect(note.statusCode).toBe(201);
    // A lookup too: the number passes through the request but must not be stored anywhere.
    expect((await t.app.inject({ method: 'POST', url: '/api/persons/lookup', headers: officer.headers, payload: { identityNumber: childNumber } })).statusCode).toBe(200);

    const dump = await dumpAllTables();
    expect(dump).toContain(childId); // the dump really holds the rows...
    expect(dump).toContain('"first_name":"Leo"');
    for (const form of [...formsOf(childNumber), ...formsOf(guardianNumber)]) expect(dump).not.toContain(form); // ...but not the numbers
    expect(dump).not.toContain(noteText);
    expect(dump).not.toContain('Stationsgatan');

    const read = await t.app.inject({ method: 'GET', url: `/api/persons/${childId}`, headers: officer.headers });
    expect(read.json().identityNumber).toBe(`${childNumber.slice(0, 8)}-${childNumber.slice(8)}`);
    const notes = await t.app.inject({ method: 'GET', url: `/api/persons/${childId}/notes`, headers: officer.headers });
    expect(notes.json().notes.map((n: { body: string }) => n.body)).toEqual([noteText]);
  });
});

describe('field cipher and blind index', () => {
  const cipher = createFieldCipher(randomBytes(32));

  it('binds a ciphertext to its context: copied to another tenant or column, it does not decrypt', () => {
    const token = cipher.encrypt('201003151234', 'person.identity_number:tenant-a');
    expect(cipher.decrypt(token, 'person.identity_number:tenant-a')).toBe('201003151234');
    expect(() => cipher.decrypt(token, 'person.identity_number:tenant-b')).toThrow();
    expect(() => cipher.decrypt(token, 'person_note.body:tenant-a:p')).toThrow();
  });

  it('refuses a tampered ciphertext, a wrong key, and never repeats a ciphertext', () => {
    const token = cipher.encrypt('hemligt', 'ctx');
    const [version, iv, tag, body] = token.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.decrypt([version, iv, tag, flipped.toString('base64url')].join('.'), 'ctx')).toThrow();
    expect(() => createFieldCipher(randomBytes(32)).decrypt(token, 'ctx')).toThrow();
    expect(cipher.encrypt('hemligt', 'ctx')).not.toBe(token);
  });

  it('gives the same number the same index within a tenant and unrelated ones across tenants', () => {
    const index = createBlindIndex(randomBytes(32));
    expect(index.compute('a', '201003151234')).toBe(index.compute('a', '201003151234'));
    expect(index.compute('a', '201003151234')).not.toBe(index.compute('b', '201003151234'));
    expect(index.compute('a', '201003151234')).not.toContain('201003151234');
  });
});
