import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../factories';

/** A stand-in for dist/web: what scripts/build-web.ts writes, without running Vite. */
const dist = mkdtempSync(join(tmpdir(), 'samverka-web-dist-'));
const INDEX = '<!doctype html><html lang="sv"><head><title>Samverka</title></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2048))});`;

let t: TestApp;
beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'index-abc123.js.gz'), gzipSync(SCRIPT));
  t = await TestApp.start({ SAMVERKA_WEB_DIST: dist });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('serving the web client', () => {
  it('serves index.html at / and for client-side routes, never cached', async () => {
    for (const url of ['/', '/mitt-konto', '/satt-losenord?token=abc', '/loggkontroll/handelse/1']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toContain('text/html');
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.body, url).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year, pre-compressed when the browser accepts it', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(SCRIPT);
    const gzipped = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
  });

  it('answers unknown API paths and missing files with the translated 404, not the app', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/finns-inte', headers: { 'accept-language': 'en' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'not_found', message: 'Not found, or you do not have access.' } });
    const file = await t.app.inject({ method: 'GET', url: '/assets/finns-inte.js' });
    expect(file.statusCode).toBe(404);
    expect(file.json().error.code).toBe('not_found');
  });

  it('keeps the API working next to the client', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const session = await t.app.inject({ method: 'GET', url: '/api/session' });
    expect(session.statusCode).toBe(401);
  });

  it('sends the strict content security policy with the page: nothing from other hosts', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("font-src 'self'");
  });
});
