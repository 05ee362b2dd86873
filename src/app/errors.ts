import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { InputError } from '../core/errors.js';
import { GenerationCancelled } from './generation-runner.js';

/** A client mistake or refusal with a status, a stable code and a message that says what to change. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Extra response headers (e.g. Retry-After with a 503). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

function errorResponse(status: number, body: ErrorBody, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', ...headers } });
}

/**
 * The app's error handler: ApiError keeps its status, an InputError from the core's checks (bad
 * seed, scale, parts, table) is the client's mistake (400); anything else is a server fault (500).
 */
export function onAppError(err: Error, c: Context) {
  // A fresh response: headers the route set before failing (immutable caching, ETag, Content-Length,
  // Content-Disposition) belong to the answer it did not give.
  if (err instanceof ApiError) return errorResponse(err.status, errorBody(err.code, err.message), err.headers);
  // The client went away: nobody reads this answer and nothing went wrong on the server.
  if (err instanceof GenerationCancelled) return c.json(errorBody('client_gone', err.message), 400);
  if (err instanceof InputError) return errorResponse(400, errorBody('invalid_request', err.message));
  console.error(`hdsbench app: ${c.req.method} ${c.req.path}:`, err);
  return c.json(errorBody('internal_error', 'the server failed while answering; the error is logged'), 500);
}

export function notFound(c: Context) {
  return c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}: see GET /v1 for the API's routes`), 404);
}
