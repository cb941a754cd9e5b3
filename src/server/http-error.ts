/**
 * A refusal the client should see: an HTTP status, a sentence for the person at the desk, and
 * any extra fields of the answer (e.g. `lastMid`, `retryAfterSeconds`).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 400: the request is malformed; the sentence names the field. */
export function badRequest(message: string): HttpError {
  return new HttpError(400, message);
}

/** 401: not signed in, or the session ended. */
export function unauthorized(message: string): HttpError {
  return new HttpError(401, message);
}

/** 403: signed in, but not allowed. */
export function forbidden(message: string): HttpError {
  return new HttpError(403, message);
}

/** 404: no such thing. */
export function notFound(message: string): HttpError {
  return new HttpError(404, message);
}

/** 409: the request conflicts with what the server holds. */
export function conflict(message: string, extra: Record<string, unknown> = {}): HttpError {
  return new HttpError(409, message, extra);
}
