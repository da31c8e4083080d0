import type { ZodType } from 'zod';
import { currentLanguage } from '../i18n/language';

/**
 * The one way the client talks to the server. It sends the UI language (the server translates its
 * messages), the CSRF header on every write, and turns both error shapes into an ApiError:
 * ours, `{ error: { code, message, fields } }`, and better-auth's, `{ code, message }`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field path -> message, already in the UI language. */
    readonly fields: Record<string, string> = {},
    /** Seconds from a Retry-After header, when the server sent one (rate limits, lockout). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Validates the response; a mismatch is a bug, so it throws. */
  schema?: ZodType<T>;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLanguage() };
  if (method !== 'GET') headers['x-samverka-csrf'] = '1';
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : null;
  if (!response.ok) throw toApiError(response, data);
  return options.schema ? options.schema.parse(data) : (data as T);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toApiError(response: Response, data: unknown): ApiError {
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  const body = (data ?? {}) as { error?: { code?: string; message?: string; fields?: Record<string, string> }; code?: string; message?: string };
  if (body.error && typeof body.error === 'object') {
    return new ApiError(response.status, body.error.code ?? 'internal', body.error.message ?? '', body.error.fields ?? {}, retryAfterSeconds);
  }
  const code = typeof body.code === 'string' ? body.code : statusCode(response.status);
  return new ApiError(response.status, code, typeof body.message === 'string' ? body.message : '', {}, retryAfterSeconds);
}

function statusCode(status: number): string {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  return 'internal';
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
