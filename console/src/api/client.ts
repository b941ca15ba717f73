// The one HTTP client: bearer token, JSON envelope, typed errors, and retries with backoff for
// 429/503 (and network failures) that the user can see (see retryNotices).
import { currentToken, reauthenticate } from "../auth";
import { settings } from "../config";

export interface FieldError {
  field: string;
  message: string;
}

/** An API error response, decoded. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly rule?: string,
  ) {
    super(message);
  }
  /** The operation that holds the resource, when a 409 names one. */
  get operationId(): string | undefined {
    return /\bop-[0-9a-f]{16}\b/.exec(this.message)?.[0];
  }
  fieldError(name: string): string | undefined {
    return this.fields.find((f) => f.field === name)?.message;
  }
}

export interface RetryNotice {
  status: number | "network";
  attempt: number;
  of: number;
  waitMs: number;
  path: string;
}

type Listener = (n: RetryNotice | null) => void;
const listeners = new Set<Listener>();
/** Subscribe to "retrying in N s" notices (null = no retry pending). */
export function retryNotices(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
function notify(n: RetryNotice | null) {
  for (const l of listeners) l(n);
}

export const MAX_RETRIES = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface CallOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Sent as Idempotency-Key: a retried mutation returns the same operation. */
  idempotencyKey?: string;
}

export interface Response<T> {
  status: number;
  data: T;
  message?: string;
  location?: string;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

function backoff(attempt: number, retryAfter: string | null): number {
  const s = Number(retryAfter);
  if (retryAfter && Number.isFinite(s) && s >= 0) return Math.min(s, 30) * 1000;
  return Math.min(500 * 2 ** attempt, 8000);
}

export async function call<T>(method: string, path: string, opts: CallOptions = {}): Promise<Response<T>> {
  // apiUrl may carry a path (API Gateway's stage, /v1): the API path is appended to it.
  const url = new URL((settings().apiUrl || location.origin).replace(/\/+$/, "") + path);
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
  const token = await currentToken();
  if (!token) {
    await reauthenticate();
    throw new ApiError(401, "unauthenticated", "signing in again");
  }
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  // Mutations always carry a key, so a retry after a lost response cannot act twice.
  if (method !== "GET") headers["Idempotency-Key"] = opts.idempotencyKey ?? newIdempotencyKey();
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);

  for (let attempt = 0; ; attempt++) {
    let res: globalThis.Response;
    try {
      res = await fetch(url, { method, headers, body, credentials: "omit", cache: "no-store" });
    } catch (e) {
      if (attempt >= MAX_RETRIES) {
        notify(null);
        throw new ApiError(0, "network", e instanceof Error ? e.message : String(e));
      }
      const waitMs = backoff(attempt, null);
      notify({ status: "network", attempt: attempt + 1, of: MAX_RETRIES, waitMs, path: url.pathname });
      await sleep(waitMs);
      continue;
    }
    if ((res.status === 429 || res.status === 503) && attempt < MAX_RETRIES) {
      const waitMs = backoff(attempt, res.headers.get("Retry-After"));
      notify({ status: res.status, attempt: attempt + 1, of: MAX_RETRIES, waitMs, path: url.pathname });
      await sleep(waitMs);
      continue;
    }
    notify(null);
    const json = (await res.json().catch(() => ({}))) as {
      data?: T;
      message?: string;
      error?: { code?: string; message?: string; fields?: FieldError[]; rule?: string };
    };
    if (res.status === 401) {
      await reauthenticate();
    }
    if (!res.ok) {
      const e = json.error ?? {};
      throw new ApiError(res.status, e.code ?? "error", e.message ?? json.message ?? res.statusText, e.fields ?? [], e.rule);
    }
    return { status: res.status, data: json.data as T, message: json.message, location: res.headers.get("Location") ?? undefined };
  }
}
