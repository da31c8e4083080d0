import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Config } from './config';
import { notFound } from './http/errors';

/** Hashed file names under /assets/ never change content: cache them for a year. Everything else: revalidate. */
function cacheHeaders(reply: FastifyReply, path: string): void {
  reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * True for a request answered by the web client's routes below (its files and the index.html fallback).
 * These are not rate-limited (http/request-rate-limit.ts): they are static, cached, and one page load asks
 * for some sixty of them, translations included, so counting them would lock out an office.
 */
export function isWebAppRequest(request: FastifyRequest): boolean {
  return request.routeOptions.config.webApp === true;
}

/**
 * Serves the built web client (scripts/build-web.ts writes it, with .br and .gz copies) and answers
 * every other GET that is not an API call or a file with index.html, so client-side routes load.
 * The root not-found handler (http/error-handler.ts) stays in charge of everything else.
 */
export async function registerWebApp(app: FastifyInstance, config: Config): Promise<void> {
  const root = resolve(config.SAMVERKA_WEB_DIST);
  if (!existsSync(resolve(root, 'index.html'))) return;
  await app.register(async (webApp) => {
    // Every route in this scope, including the one per file that @fastify/static declares, is the web client's.
    webApp.addHook('onRoute', (route) => {
      route.config = { ...route.config, webApp: true };
    });
    await webApp.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      dotfiles: 'ignore',
      setHeaders: cacheHeaders,
    });
    webApp.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path.startsWith('/api/') || /\.[a-z0-9]+$/i.test(path)) throw notFound();
      reply.header('cache-control', 'no-cache');
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    });
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on the web client's routes (registerWebApp). */
    webApp?: boolean;
  }
}
