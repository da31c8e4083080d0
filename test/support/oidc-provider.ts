import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

export interface TestIdentity {
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (the `oidc-provider` package) on a free port on 127.0.0.1, with one
 * confidential client and a fixed set of identities. Its development login form accepts any password
 * for a known account id, which is all a test needs.
 */
export async function startTestIdentityProvider(options: { redirectUri: string; identities: Record<string, TestIdentity> }): Promise<TestIdentityProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'samverka-test';
  const clientSecret = randomBytes(24).toString('base64url');

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    jwks: { keys: [{ ...signingKeyJwk(), alg: 'RS256', use: 'sig', kid: 'test' }] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, accountId) {
      const identity = options.identities[accountId];
      if (!identity) return undefined;
      return {
        accountId,
        async claims() {
          return { sub: accountId, email: identity.email, email_verified: identity.emailVerified, name: identity.name };
        },
      };
    },
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A fresh RSA signing key as a JWK. (Kept apart: TypeScript 5.9 crashes resolving this overload inline.) */
function signingKeyJwk(): JsonWebKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ format: 'jwk' });
}

/** A tiny cookie jar: what a browser would send back to one host. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(setCookies: string[]): void {
    for (const setCookie of setCookies) {
      const [pair = ''] = setCookie.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = /max-age=0\b/i.test(setCookie) || /expires=thu, 01 jan 1970/i.test(setCookie);
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(pattern: RegExp): boolean {
    return [...this.cookies.keys()].some((name) => pattern.test(name));
  }
}

/**
 * Plays the browser at the identity provider: follows redirects and fills in the development
 * login (as `accountId`) and consent forms, until the provider redirects somewhere else (`returnOrigin`).
 * Returns that final URL.
 */
export async function authenticateAtProvider(startUrl: string, accountId: string, returnOrigin: string): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(startUrl);
  let form: { method: 'POST'; body: string } | null = null;
  for (let step = 0; step < 20; step++) {
    if (url.origin === returnOrigin) return url;
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form?.body,
    });
    jar.store(response.headers.getSetCookie());
    form = null;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`identity provider answered ${response.status}: ${html.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page at the identity provider: ${html.slice(0, 500)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url);
    const fields: Record<string, string> = prompt === 'login' ? { prompt, login: accountId, password: 'valfritt' } : { prompt };
    form = { method: 'POST', body: new URLSearchParams(fields).toString() };
  }
  throw new Error('too many steps at the identity provider');
}
