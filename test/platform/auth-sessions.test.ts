import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TestApp, cookieHeader, type TestMember } from '../factories';

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => t.close());

const sessionStatus = async (cookie: string) => (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode;

/** An analyst (no TOTP needed) signed in on two devices. */
async function memberOnTwoDevices(): Promise<{ member: TestMember; laptop: string; phone: string }> {
  const tenant = await t.tenant();
  const org = await t.organisation(tenant, 'polis');
  const member = await t.member(tenant, org, 'analytiker');
  const phone = await t.passwordSignIn(member.email);
  return { member, laptop: member.headers.cookie!, phone };
}

describe('sessions', () => {
  it('lists my sessions without their tokens, and ends one by id', async () => {
    const { laptop, phone } = await memberOnTwoDevices();
    const listed = await t.app.inject({ method: 'GET', url: '/api/auth-sessions', headers: { cookie: laptop } });
    expect(listed.statusCode).toBe(200);
    const sessions = listed.json().sessions as { id: string; current: boolean; authMethod: string; ipAddress: string }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions.every((s) => s.authMethod === 'password' && s.ipAddress === '127.0.0.1')).toBe(true);
    expect(listed.body).not.toMatch(/token/i);

    const other = sessions.find((s) => !s.current)!;
    const withoutCsrf = await t.app.inject({ method: 'DELETE', url: `/api/auth-sessions/${other.id}`, headers: { cookie: laptop } });
    expect(withoutCsrf.statusCode).toBe(403);
    const ended = await t.app.inject({ method: 'DELETE', url: `/api/auth-sessions/${other.id}`, headers: { cookie: laptop, 'x-samverka-csrf': '1' } });
    expect(ended.statusCode).toBe(200);
    expect(await sessionStatus(phone)).toBe(401);
    expect(await sessionStatus(laptop)).toBe(200);
  });

  it("cannot end someone else's session: it is not found", async () => {
    const mine = await memberOnTwoDevices();
    const theirs = await memberOnTwoDevices();
    const [their] = (await t.app.inject({ method: 'GET', url: '/api/auth-sessions', headers: { cookie: theirs.laptop } })).json().sessions as { id: string }[];
    const response = await t.app.inject({ method: 'DELETE', url: `/api/auth-sessions/${their!.id}`, headers: { cookie: mine.laptop, 'x-samverka-csrf': '1' } });
    expect(response.statusCode).toBe(404);
    expect(await sessionStatus(theirs.laptop)).toBe(200);
  });

  it('does not offer better-auth endpoints that hand session tokens to the browser', async () => {
    const { laptop } = await memberOnTwoDevices();
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/list-sessions', headers: { cookie: laptop } })).statusCode).toBe(404);
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/get-session', headers: { cookie: laptop } });
    expect(session.statusCode).toBe(200);
    expect(session.json().session.id).toBeTruthy();
    expect(session.json().session.token).toBeUndefined();
  });

  it('signs out everywhere: every old cookie gets 401', async () => {
    const { laptop, phone } = await memberOnTwoDevices();
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/revoke-sessions', headers: { cookie: laptop }, payload: {} });
    expect(response.statusCode).toBe(200);
    expect(await sessionStatus(laptop)).toBe(401);
    expect(await sessionStatus(phone)).toBe(401);
  });

  it('changes the password, ending the other sessions and keeping this one at work', async () => {
    const { member, laptop, phone } = await memberOnTwoDevices();
    const newPassword = 'ett-helt-nytt-och-långt-lösenord';
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie: laptop },
      payload: { currentPassword: 'inte-det-gamla-lösenordet', newPassword, revokeOtherSessions: true },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('invalid_password');
    const tooShort = await t.app.inject({ method: 'POST', url: '/api/auth/change-password', headers: { cookie: laptop }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'kort' } });
    expect(tooShort.json().error.code).toBe('password_length');

    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie: laptop },
      payload: { currentPassword: TEST_PASSWORD, newPassword, revokeOtherSessions: true },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().token).toBeUndefined();
    expect(await sessionStatus(phone)).toBe(401);
    expect(await sessionStatus(laptop)).toBe(401);
    const renewed = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookieHeader(changed) } });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json().active.membershipId).toBe(member.membershipId);

    expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: member.email, password: TEST_PASSWORD } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: member.email, password: newPassword } })).statusCode).toBe(200);
  });
});
