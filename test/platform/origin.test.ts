import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD, TestApp, type TestMember } from '../factories';
import { createUserAccount } from '../../src/server/modules/users/create-user';
import { loadConfig } from '../../src/server/config';
import { addressToOpen, allowedOrigins } from '../../src/server/http/origins';

/**
 * Where sign-in and cookie-authenticated writes may come from. The server prints the address users
 * should open (`addressToOpen`), and that address must be one the origin checks accept: better-auth's
 * (sign-in) and ours (http/csrf.ts, every other write).
 */

// better-auth skips its own Origin check under test (NODE_ENV=test, read once when it loads, or TEST,
// which Vitest sets), so here sign-in would pass from anywhere. This file runs it as `npm start` does.
vi.hoisted(() => {
  process.env.NODE_ENV = 'development';
  process.env.TEST = 'false';
});

/** testConfig always sets a public URL; the default configuration has none. */
const DEFAULT_CONFIGURATION = { SAMVERKA_PUBLIC_URL: undefined } as unknown as Record<string, string>;
const PUBLIC_URL = 'https://samverka.kommun.example';

describe('the printed address', () => {
  it('is the public URL, and the origin checks accept it', () => {
    const byDefault = loadConfig({ PORT: '3000' });
    expect(addressToOpen(byDefault, 3000)).toBe('http://localhost:3000');
    expect(allowedOrigins(byDefault)).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']);

    const configured = loadConfig({ PORT: '3000', HOST: '0.0.0.0', SAMVERKA_PUBLIC_URL: `${PUBLIC_URL}/` });
    expect(addressToOpen(configured, 3000)).toBe(PUBLIC_URL);
    expect(allowedOrigins(configured)).toEqual([PUBLIC_URL]);
  });

  it('names the port the system chose when PORT=0 and no public URL is set', () => {
    expect(addressToOpen(loadConfig({ PORT: '0' }), 41234)).toBe('http://localhost:41234');
  });
});

interface Setting {
  name: string;
  env: Record<string, string>;
  accepted: string[];
  refused: string[];
}

const SETTINGS: Setting[] = [
  {
    name: 'the default configuration (no SAMVERKA_PUBLIC_URL, HOST 127.0.0.1)',
    env: { ...DEFAULT_CONFIGURATION, PORT: '3000', HOST: '127.0.0.1' },
    accepted: ['http://localhost:3000', 'http://127.0.0.1:3000'],
    refused: ['http://127.0.0.1:4000', 'http://192.168.1.20:3000', 'https://localhost:3000', 'https://angripare.example', 'null'],
  },
  {
    name: 'SAMVERKA_PUBLIC_URL set',
    env: { PORT: '3000', SAMVERKA_PUBLIC_URL: PUBLIC_URL },
    accepted: [PUBLIC_URL],
    refused: ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://samverka.kommun.example', 'https://angripare.example'],
  },
];

describe.each(SETTINGS)('origins with $name', ({ env, accepted, refused }) => {
  let t: TestApp;
  let member: TestMember;
  beforeAll(async () => {
    t = await TestApp.start(env);
    const tenant = await t.tenant('Ursprungskommun');
    // A role without a second factor: the factories enrol TOTP without an Origin header, which better-auth refuses here.
    member = await t.member(tenant, await t.organisation(tenant, 'socialtjanst'), 'analytiker');
  });
  afterAll(async () => t.close());

  const signIn = async (origin: string) => {
    const email = `ursprung-${randomUUID().slice(0, 8)}@test.samverka.se`;
    await createUserAccount(t.database.db, t.auth, { email, name: 'Ursprung', password: TEST_PASSWORD });
    const host = origin === 'null' ? 'localhost:3000' : new URL(origin).host;
    // A browser that has been here before sends its cookies along, and better-auth checks Origin whenever
    // cookies come (that is how users met the refusal at 127.0.0.1). A stale session cookie will do.
    const cookie = 'samverka.session_token=utgangen.c2lnbmF0dXI%3D';
    return t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', headers: { origin, host, cookie, 'accept-language': 'sv' }, payload: { email, password: TEST_PASSWORD } });
  };
  /** A cookie-authenticated write, as the browser sends it from a page at `origin` (Host is that page's host). */
  const write = (origin: string) => {
    const host = origin === 'null' ? 'localhost:3000' : new URL(origin).host;
    return t.app.inject({ method: 'PUT', url: '/api/session/membership', headers: { ...member.headers, origin, host }, payload: { membershipId: member.membershipId } });
  };

  it('signs in from the accepted origins, with a session cookie', async () => {
    for (const origin of accepted) {
      const response = await signIn(origin);
      expect(response.statusCode, origin).toBe(200);
      expect(String(response.headers['set-cookie']), origin).toMatch(/samverka\.session_token=/);
    }
  });

  it('refuses sign-in from any other origin, with the message users saw', async () => {
    for (const origin of refused) {
      const response = await signIn(origin);
      expect(response.statusCode, origin).toBe(403);
      expect(response.json().error, origin).toEqual({ code: 'csrf_failed', message: 'Begäran kom inte från Samverka. Ladda om sidan.' });
      expect(response.headers['set-cookie'], origin).toBeUndefined();
    }
  });

  it('accepts signed-in writes from the accepted origins, and from no Origin header', async () => {
    for (const origin of accepted) expect((await write(origin)).statusCode, origin).toBe(200);
    const plain = await t.app.inject({ method: 'PUT', url: '/api/session/membership', headers: member.headers, payload: { membershipId: member.membershipId } });
    expect(plain.statusCode).toBe(200);
  });

  it('refuses signed-in writes from other origins, even when the Host header names the same host', async () => {
    for (const origin of refused) {
      const response = await write(origin);
      expect(response.statusCode, origin).toBe(403);
      expect(response.json().error.code, origin).toBe('csrf_failed');
    }
  });
});
