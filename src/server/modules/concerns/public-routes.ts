import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../http/errors';
import { errorBodySchema } from '../../../shared/errors';
import { CONCERN_PATHS } from '../../../shared/concerns';
import {
  formTokenSchema,
  publicConcernInputSchema,
  publicConcernReceiptSchema,
  publicConcernStatusSchema,
  publicPlaceReportInputSchema,
  publicPlaceReportReceiptSchema,
  publicTenantListSchema,
  publicTenantSchema,
  receiptCodeBodySchema,
  receiptCodeParamsSchema,
  tenantSlugParamsSchema,
  type PublicConcernStatus,
} from '../../../shared/concerns-public';
import { formTokenAccepted, issueFormToken } from './form-token';
import { addPublicCorsHeaders, registerPublicPreflight } from './public-cors';
import { hashTypedCode } from './receipt-code';
import type { PublicRateLimiter } from './rate-limit';
import { submitConcern, submitPlaceReport, type IntakeDeps } from './submit-report';
import { listPublicTenants, publicTenantFacts, type TenantDirectory, type TenantRef } from './tenant-directory';

const tags = ['concerns (public)'];
const errors = { 400: errorBodySchema, 404: errorBodySchema, 413: errorBodySchema, 429: errorBodySchema };
/** A concern is a few kilobytes of text; nothing larger is ever needed here. */
const PUBLIC_BODY_LIMIT = 32 * 1024;

export interface PublicConcernDeps extends IntakeDeps {
  limiter: PublicRateLimiter;
  tenants: TenantDirectory;
}

/**
 * The public side of the concern channel: no session, no cookies. Every request runs without a user;
 * the tenant comes from the body (or the path), and writes run under that tenant's row-level security.
 */
export function registerPublicConcernRoutes(app: FastifyInstance, context: AppContext, deps: PublicConcernDeps): void {
  const { config, database, blindIndex } = context;
  const minSeconds = config.SAMVERKA_PUBLIC_FORM_MIN_SECONDS;
  const paths = ['/api/public/form-token', '/api/public/tenants', '/api/public/tenants/:slug', '/api/public/concerns', '/api/public/place-reports', '/api/public/concerns/:receiptCode', '/api/public/concerns/status'];
  registerPublicPreflight(app, paths);
  const routes = app.withTypeProvider<ZodTypeProvider>();
  // Every answer of these routes, errors included, may be read by another origin's page.
  const onSend = addPublicCorsHeaders;

  routes.get(
    '/api/public/form-token',
    { onSend, schema: { tags, summary: 'A signed, short-lived token for the public forms (timing check instead of a captcha)', response: { 200: formTokenSchema } } },
    async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return issueFormToken(blindIndex, minSeconds);
    },
  );

  routes.get(
    '/api/public/tenants',
    { onSend, schema: { tags, summary: 'Every tenant (municipality) by name, for a form opened without a tenant', response: { 200: publicTenantListSchema } } },
    async () => ({ tenants: await listPublicTenants(database) }),
  );

  routes.get(
    '/api/public/tenants/:slug',
    { onSend, schema: { tags, summary: 'What the public form needs to know about a tenant', params: tenantSlugParamsSchema, response: { 200: publicTenantSchema, 404: errorBodySchema } } },
    async (request) => {
      const tenant = await deps.tenants.bySlug(request.params.slug);
      if (!tenant) throw notFound();
      return publicTenantFacts(database, tenant, minSeconds);
    },
  );

  /**
   * Rate limit, honeypot and timing check; then the tenant. Bots learn nothing about which check refused them.
   * A repeated submission (same submission id) counts as the one request it is, no more and no less: the
   * limit is checked before anything is read, so it cannot be used to learn which submission ids exist.
   */
  async function admit(request: FastifyRequest, body: { tenant: string; formToken: string; website?: string | undefined }): Promise<TenantRef> {
    if (!(await deps.limiter.allow('submission', request.ip))) throw new AppError(429, 'rate_limited');
    const honeypotFilled = (body.website ?? '').trim() !== '';
    if (honeypotFilled || !formTokenAccepted(blindIndex, body.formToken, minSeconds)) throw new AppError(400, 'submission_refused');
    const tenant = await deps.tenants.bySlug(body.tenant);
    if (!tenant) throw notFound();
    return tenant;
  }

  routes.post(
    '/api/public/concerns',
    {
      onSend,
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Report a concern about a young person. The receipt is returned only once the report is stored.',
        body: publicConcernInputSchema,
        response: { 201: publicConcernReceiptSchema, ...errors },
      },
    },
    async (request, reply) => {
      const tenant = await admit(request, request.body);
      const { receiptCode } = await submitConcern(deps, tenant, request.body);
      void reply.header('cache-control', 'no-store');
      return reply.status(201).send({ receiptCode, statusUrl: `${config.publicUrl}${CONCERN_PATHS.publicStatus}` });
    },
  );

  routes.post(
    '/api/public/place-reports',
    {
      onSend,
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: { tags, summary: 'Report a place or an event (EST): no person', body: publicPlaceReportInputSchema, response: { 201: publicPlaceReportReceiptSchema, ...errors } },
    },
    async (request, reply) => {
      const tenant = await admit(request, request.body);
      const { receiptCode } = await submitPlaceReport(deps, tenant, request.body);
      void reply.header('cache-control', 'no-store');
      return reply.status(201).send({ receiptCode });
    },
  );

  /**
   * The status by receipt code. An unknown code, a malformed one and a request over the brute-force
   * limit all answer the same 404: a guesser cannot tell a miss from being stopped. The global rate
   * limit (and its headers) is off here so that nothing else differs either.
   */
  async function lookUp(request: FastifyRequest, reply: FastifyReply, typed: string): Promise<PublicConcernStatus> {
    void reply.header('cache-control', 'no-store');
    const allowed = await deps.limiter.allow('status', request.ip);
    const hash = hashTypedCode(blindIndex, typed);
    if (!allowed || !hash) throw notFound();
    const result = await database.db.execute<{ status: PublicConcernStatus['status']; updated_at: string | Date; feedback: PublicConcernStatus['feedback'] | null }>(
      sql`select status, updated_at, feedback from app_concern_status(${hash})`,
    );
    const row = result.rows[0];
    if (!row) throw notFound();
    return { status: row.status, updatedAt: new Date(row.updated_at).toISOString(), ...(row.feedback ? { feedback: row.feedback } : {}) };
  }

  routes.get(
    '/api/public/concerns/:receiptCode',
    {
      onSend,
      // The code is a bearer secret: keep the request line out of the info-level request log.
      logLevel: 'warn',
      config: { rateLimit: false },
      schema: { tags, summary: 'The status of a report by its receipt code', params: receiptCodeParamsSchema, response: { 200: publicConcernStatusSchema, 404: errorBodySchema } },
    },
    async (request, reply) => lookUp(request, reply, request.params.receiptCode),
  );

  routes.post(
    '/api/public/concerns/status',
    {
      onSend,
      logLevel: 'warn',
      config: { rateLimit: false },
      schema: {
        tags,
        summary: 'The same status lookup with the code in the body, so that it stays out of URLs and proxy logs',
        body: receiptCodeBodySchema,
        response: { 200: publicConcernStatusSchema, 404: errorBodySchema },
      },
    },
    async (request, reply) => lookUp(request, reply, request.body.receiptCode),
  );
}
