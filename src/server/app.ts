import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/client';
import type { Secrets } from './crypto/secrets';
import { createBlindIndex, createFieldCipher } from './crypto/field-cipher';
import { createAuth } from './auth/auth';
import { registerAuthHandler } from './auth/routes';
import { registerErrorHandling } from './http/error-handler';
import { registerCsrfProtection } from './http/csrf';
import { logMethodWithoutErrorMessages, logSerializers } from './http/log-privacy';
import { refuseUnknownInput } from './http/strict-input';
import { allowedOrigins } from './http/origins';
import { registerRequestRateLimit } from './http/request-rate-limit';
import { registerSecurityHeaders } from './http/security-headers';
import { getCookies } from 'better-auth/cookies';
import { registerModules } from './modules';
import { registerWebApp } from './web-app';
import { APP_VERSION } from './version';
import type { AppContext } from './context';
import type { DestinationStream } from 'pino';
import { registerSessionHooks } from './http/session';
import { tileOrigin } from './modules/places/map-config';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  secrets: Secrets;
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read the log through it). */
  logStream?: DestinationStream;
}

/** Builds the whole application. Never listens: main.ts does that, tests use `app.inject`. */
export async function buildApp({ config, database, secrets, logger = true, logStream }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // No query strings, bodies, client addresses or error messages in the log (http/log-privacy.ts).
    logger: logger
      ? {
          level: config.LOG_LEVEL,
          serializers: logSerializers,
          hooks: { logMethod: logMethodWithoutErrorMessages },
          redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          ...(logStream ? { stream: logStream } : {}),
        }
      : false,
    bodyLimit: config.SAMVERKA_BODY_LIMIT_BYTES,
    trustProxy: config.SAMVERKA_TRUST_PROXY,
    // Never echo internals: request ids are ours, not the client's.
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // Before any route: every API route refuses unknown query parameters and unknown fields.
  refuseUnknownInput(app);

  // helmet's headers, worked out once at start-up (http/security-headers.ts).
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        // The map's tile host, when one is configured (SAMVERKA_MAP_TILES), and no other.
        imgSrc: ["'self'", 'data:', ...(config.SAMVERKA_MAP_TILES ? [tileOrigin(config.SAMVERKA_MAP_TILES)] : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  const auth = createAuth({ db: database.db, config, secrets });
  // Per session when signed in, per address otherwise; the web client's files are not counted.
  await registerRequestRateLimit(app, { config, sessionCookieName: getCookies(auth.options).sessionToken.name, authSecret: secrets.authSecret });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Samverka API', version: APP_VERSION, description: 'The API contract of Samverka, generated from its zod schemas.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const context: AppContext = {
    config,
    database,
    auth,
    cipher: createFieldCipher(secrets.encryptionKey),
    blindIndex: createBlindIndex(secrets.blindIndexKey),
  };
  registerCsrfProtection(app, allowedOrigins(config));
  registerSessionHooks(app, database.db);
  registerAuthHandler(app, auth, database);
  await registerModules(app, context);
  await registerWebApp(app, config);
  return app;
}
