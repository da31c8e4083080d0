import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Auth } from '../../auth/auth';
import { registerAuthHandler } from '../../auth/routes';
import type { Config } from '../../config';
import type { AppContext } from '../../context';
import type { Database } from '../../db/client';
import type { BlindIndex, FieldCipher } from '../../crypto/field-cipher';
import { registerErrorHandling } from '../../http/error-handler';
import { refuseUnknownInput } from '../../http/strict-input';
import { actAsOf } from '../../clock';
import { registerModules } from '..';
import type { OrganisationType } from '../../../shared/organisations';
import type { Role } from '../../../shared/roles';
import { roleRequiresTwoFactor } from '../../../shared/roles';
import { currentDemoTotpCode, type DemoCredentials } from './demo-credentials';
import { DEMO_ORGANISATIONS, DEMO_USERS, SANDVIKEN_ORGANISATIONS, SANDVIKEN_USERS, demoEmail, type DemoUser } from './demo-data';
import { storyInstant, storyDay } from './story-time';

/**
 * Tells the demo's story through the application's own routes: each step is an HTTP request (Fastify
 * `inject`, no network) by the demo user who would have taken it, signed in like anyone else, as of
 * the day and time the story says (clock.ts). So every row, chronology entry and audit event is
 * written by the same code as in real use, with its real actor and a coherent, backdated time.
 *
 * The app is the production one minus what only a browser needs (helmet, the CSRF check, the web
 * client, the per-session rate limit): the same modules, validation, sign-in and error handling.
 * Requests come from a documentation address (RFC 5737) per organisation and say who sent them in
 * the user agent, so a log reviewer can still tell seeded events from real ones.
 */
export interface StoryDeps {
  database: Database;
  auth: Auth;
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  config: Config;
  credentials: DemoCredentials;
}

export const STORY_USER_AGENT = 'samverka seed-demo';

export class StoryError extends Error {}

/** One demo user, acting at one moment of the story. */
export interface StoryCall {
  get<T = unknown>(url: string): Promise<T>;
  post<T = unknown>(url: string, body?: unknown): Promise<T>;
  put<T = unknown>(url: string, body?: unknown): Promise<T>;
  patch<T = unknown>(url: string, body?: unknown): Promise<T>;
}

export interface StoryActor {
  userId: string;
  /** This user, as of `day` days from the seeding day at Stockholm time `time` (HH:MM). */
  on(day: number, time: string): StoryCall;
}

export class StoryDriver {
  /** Session cookies by the demo user's local part (one address per user, across the demo tenants). */
  private readonly cookies = new Map<string, string>();

  private constructor(
    readonly app: FastifyInstance,
    private readonly credentials: DemoCredentials,
    private readonly userIds: Readonly<Record<Role, string>>,
    /** The seeding day (YYYY-MM-DD in Sweden): every story day counts from it. */
    readonly today: string,
    /** The address the app is served at, as the sign-in's origin check knows it. */
    private readonly origin: string,
  ) {}

  static async open(deps: StoryDeps, userIds: Readonly<Record<Role, string>>, today: string): Promise<StoryDriver> {
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandling(app);
    refuseUnknownInput(app);
    const context: AppContext = { config: deps.config, database: deps.database, auth: deps.auth, cipher: deps.cipher, blindIndex: deps.blindIndex };
    registerAuthHandler(app, deps.auth, deps.database);
    await registerModules(app, context);
    await app.ready();
    const origin = deps.auth.options.baseURL ?? deps.config.publicUrl;
    return new StoryDriver(app, deps.credentials, userIds, today, new URL(origin).origin);
  }

  /** YYYY-MM-DD, `offset` days from the seeding day. */
  day(offset: number): string {
    return storyDay(this.today, offset);
  }

  /** The instant `offset` days from the seeding day at Stockholm time `time`. */
  at(offset: number, time: string): Date {
    return storyInstant(this.today, offset, time);
  }

  as(role: Role): StoryActor {
    return this.asUser(DEMO_USERS.find((u) => u.role === role)!, this.userIds[role]);
  }

  /** Any demo user, also one of another demo tenant (Sandviken, the housing exchange's partner). */
  asUser(demoUser: DemoUser, userId: string): StoryActor {
    return {
      userId,
      on: (offset, time) => {
        const at = this.at(offset, time);
        if (at.getTime() > Date.now()) throw new StoryError(`the demo story cannot act in the future (${demoUser.localPart}, day ${offset} ${time})`);
        const call = (method: InjectOptions['method']) => (url: string, body?: unknown) => actAsOf(at, () => this.request(demoUser, method, url, body));
        return { get: call('GET'), post: call('POST'), put: call('PUT'), patch: call('PATCH') } as StoryCall;
      },
    };
  }

  /** Without a session: the public concern form, as a visitor sends it. */
  async anonymous<T>(method: InjectOptions['method'], url: string, body?: unknown): Promise<T> {
    const response = await this.app.inject({ method, url, payload: body as InjectOptions['payload'], headers: { 'user-agent': STORY_USER_AGENT }, remoteAddress: '192.0.2.200' });
    if (response.statusCode >= 300) throw new StoryError(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json() as T;
  }

  private async request<T>(demoUser: DemoUser, method: InjectOptions['method'], url: string, body?: unknown): Promise<T> {
    const role = demoUser.localPart;
    const cookie = await this.signedIn(demoUser);
    const response = await this.app.inject({
      method,
      url,
      payload: body as InjectOptions['payload'],
      headers: { cookie, 'user-agent': STORY_USER_AGENT },
      remoteAddress: addressOf(demoUser),
    });
    if (response.statusCode >= 300) throw new StoryError(`${role} ${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json() as T;
  }

  /** Signs the user in once, as the demo's visitors do: the shared password, the TOTP code, their one membership. */
  private async signedIn(demoUser: DemoUser): Promise<string> {
    const { role, localPart } = demoUser;
    const known = this.cookies.get(localPart);
    if (known) return known;
    // better-auth refuses a cookie-carrying call without a trusted Origin (outside tests): the app's own address.
    const headers = { 'user-agent': STORY_USER_AGENT, origin: this.origin };
    const remoteAddress = addressOf(demoUser);
    const signIn = await this.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', headers, remoteAddress, payload: { email: demoEmail(demoUser), password: this.credentials.password } });
    if (signIn.statusCode !== 200) throw new StoryError(`sign-in as ${role}: ${signIn.statusCode}`);
    let cookie = cookiesOf(signIn.cookies);
    if (roleRequiresTwoFactor(role)) {
      const verified = await this.app.inject({
        method: 'POST',
        url: '/api/auth/two-factor/verify-totp',
        headers: { ...headers, cookie },
        remoteAddress,
        payload: { code: await currentDemoTotpCode(this.credentials) },
      });
      if (verified.statusCode !== 200) throw new StoryError(`second factor for ${role}: ${verified.statusCode} ${verified.body}`);
      cookie = cookiesOf(verified.cookies, cookie);
    }
    const session = await this.app.inject({ method: 'GET', url: '/api/session', headers: { ...headers, cookie }, remoteAddress });
    const membershipId = (session.json() as { memberships: { membershipId: string }[] }).memberships[0]?.membershipId;
    const chosen = await this.app.inject({ method: 'PUT', url: '/api/session/membership', headers: { ...headers, cookie }, remoteAddress, payload: { membershipId } });
    if (chosen.statusCode !== 200) throw new StoryError(`membership for ${role}: ${chosen.statusCode}`);
    this.cookies.set(localPart, cookie);
    return cookie;
  }

  /** Signs every demo user out (their sessions end with the seed) and closes the app. */
  async close(): Promise<void> {
    for (const cookie of this.cookies.values()) {
      await this.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie, 'user-agent': STORY_USER_AGENT, origin: this.origin }, payload: {} });
    }
    this.cookies.clear();
    await this.app.close();
  }
}

/** A documentation address (RFC 5737) per organisation: each office its own, as in a municipality. */
function addressOf(demoUser: DemoUser): string {
  const organisation: OrganisationType = demoUser.organisation;
  // Sandviken's offices sit on their own addresses (192.0.2.50 and up).
  const sandviken = SANDVIKEN_USERS.includes(demoUser);
  return sandviken
    ? `192.0.2.${50 + SANDVIKEN_ORGANISATIONS.findIndex((o) => o.key === organisation)}`
    : `192.0.2.${10 + DEMO_ORGANISATIONS.findIndex((o) => o.key === organisation)}`;
}

function cookiesOf(cookies: readonly { name: string; value: string }[], previous = ''): string {
  const jar = new Map<string, string>();
  for (const part of previous.split('; ').filter(Boolean)) {
    const at = part.indexOf('=');
    jar.set(part.slice(0, at), part.slice(at + 1));
  }
  for (const c of cookies) jar.set(c.name, c.value);
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}
