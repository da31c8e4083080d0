import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';
import type { DemoCredentials } from '../../src/server/modules/demo/demo-credentials';

/** Signs in the demo's coordinator like the browser does (password, then TOTP, then the membership) and returns the request headers. */
export function signInCoordinator(baseUrl: string, credentials: DemoCredentials): Promise<Record<string, string>> {
  return signInDemoUser(baseUrl, credentials, 'koordinator');
}

/** Signs in one demo user (`localPart`@demo.samverka.se, all share the demo password and TOTP secret). */
export async function signInDemoUser(baseUrl: string, credentials: DemoCredentials, localPart: string): Promise<Record<string, string>> {
  const jar = new Map<string, string>();
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        origin: baseUrl,
        'content-type': 'application/json',
        'x-samverka-csrf': '1',
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!.trim(), value.join('='));
    }
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  await call('POST', '/api/auth/sign-in/email', { email: `${localPart}@demo.samverka.se`, password: credentials.password });
  const code = await createOTP(base32.decode(credentials.totpSecretBase32)).totp();
  await call('POST', '/api/auth/two-factor/verify-totp', { code });
  const session = (await call('GET', '/api/session')) as { memberships: { membershipId: string }[] };
  await call('PUT', '/api/session/membership', { membershipId: session.memberships[0]!.membershipId });
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
}
