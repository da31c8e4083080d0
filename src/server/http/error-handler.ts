import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../shared/errors';
import { databaseError, isConnectionLost } from '../db/errors';
import { AppError } from './errors';
import { loggableError } from './log-privacy';
import { errorMessage, fieldMessage, languageFromHeader, type Language } from './messages';

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * Every failure leaves as `{ error: { code, message, fields? } }` in the caller's language.
 * Stack traces and SQL never reach the client; the server log gets only what `loggableError()`
 * keeps (type, code, SQLSTATE, constraint, stack frames) beside the request id, never a message,
 * the SQL or its parameters.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const language = languageFromHeader(request.headers['accept-language']);
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send(reply, 400, 'validation_failed', language, validationFields(error.validation as ValidationIssue[], language));
    }
    if (error instanceof AppError) {
      const fields = error.fields
        ? Object.fromEntries(Object.entries(error.fields).map(([field, id]) => [field, fieldMessage(id, language)]))
        : undefined;
      return send(reply, error.statusCode, error.code, language, fields);
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, 413, 'payload_too_large', language);
    if (error.statusCode === 429) return send(reply, 429, 'rate_limited', language);
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error.statusCode === 400 && !error.validation)) {
      return send(reply, 400, 'validation_failed', language);
    }
    if (isConnectionLost(error)) {
      // The database went away mid-request (restart, failover, terminated backend). Nothing is wrong
      // with the request: it can be sent again once the pool has reconnected.
      request.log.warn({ dbCode: databaseError(error)?.code ?? null }, 'connection lost (database, or a client that went away)');
      reply.header('retry-after', '5');
      return send(reply, 503, 'unavailable', language);
    }
    request.log.error({ err: loggableError(error) }, 'request failed');
    return send(reply, 500, 'internal', language);
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) =>
    send(reply, 404, 'not_found', languageFromHeader(request.headers['accept-language'])),
  );
}

function send(reply: FastifyReply, status: number, code: ErrorCode, language: Language, fields?: Record<string, string>) {
  return reply.status(status).send({ error: { code, message: errorMessage(code, language), ...(fields ? { fields } : {}) } });
}

function validationFields(issues: ValidationIssue[], language: Language): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    if (issue.keyword === 'unrecognized_keys') {
      for (const key of (issue.params?.keys as string[] | undefined) ?? []) {
        fields[path ? `${path}.${key}` : key] = fieldMessage('unrecognized_keys', language);
      }
      continue;
    }
    const field = path || '_';
    if (fields[field]) continue;
    fields[field] = fieldMessage(messageId(issue), language);
  }
  return fields;
}

function messageId(issue: ValidationIssue): string {
  if (issue.keyword === 'custom' && issue.message) return issue.message;
  if (issue.keyword === 'invalid_type' && issue.message?.includes('received undefined')) return 'required';
  return issue.keyword;
}
