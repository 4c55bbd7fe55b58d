/**
 * Errors as `application/problem+json` (RFC 9457) carrying the stable error `code`. One table
 * maps each `DuroxideError` code to its HTTP status; anything else is a 500 with code
 * `INTERNAL_ERROR` and no stack trace or message from inside the server.
 * @module
 */
import { ERROR_CODES, isDuroxideError, type ErrorCode } from '../core/errors/duroxide-error.js';

/** HTTP status of each error code. */
const HTTP_STATUS_BY_CODE: { readonly [C in ErrorCode]: number } = {
  INVALID_INPUT: 400,
  INPUT_REJECTED: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  INSTANCE_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  RESOURCE_NOT_FOUND: 404,
  INSTANCE_ALREADY_EXISTS: 409,
  INSTANCE_STILL_RUNNING: 409,
  CANNOT_DELETE_SUB_ORCHESTRATION: 409,
  INSTANCE_TREE_CHANGED: 409,
  INVALID_STATE: 409,
  REQUEST_REFUSED: 409,
  VERSION_NOT_REGISTERED: 422,
  CAPABILITY_MISSING: 501,
  ORCHESTRATION_FAILED: 422,
  NONDETERMINISM: 422,
  NON_DURABLE_AWAIT: 422,
  ORCHESTRATION_CODE_TIMEOUT: 422,
  INVALID_REGISTRATION: 422,
  ACTIVITY_FAILED: 422,
  SUB_ORCHESTRATION_FAILED: 422,
  INTERNAL_ERROR: 500,
  PROVIDER_ERROR: 503,
  SCHEMA_TOO_NEW: 503,
  TIMEOUT: 504,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly context?: Readonly<Record<string, unknown>>;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(
  status: number,
  code: ErrorCode,
  detail: string,
  extra: Pick<ProblemDetails, 'context' | 'errors'> = {},
): ProblemDetails {
  return {
    type: `https://duroxide.dev/errors/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...extra,
  };
}

export function problemResponse(
  body: ProblemDetails,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/** The problem for a thrown error; `isInternal` says it was not a DuroxideError (log it). */
export function problemFor(error: unknown): { body: ProblemDetails; isInternal: boolean } {
  if (isDuroxideError(error)) {
    const context = Object.keys(error.context).length > 0 ? { context: { ...error.context } } : {};
    return {
      body: problem(HTTP_STATUS_BY_CODE[error.code], error.code, error.message, context),
      isInternal: false,
    };
  }
  return {
    body: problem(
      500,
      ERROR_CODES.INTERNAL_ERROR,
      'the management server failed unexpectedly; the error was logged on the server',
    ),
    isInternal: true,
  };
}
