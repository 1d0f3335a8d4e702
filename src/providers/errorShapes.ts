// Recognises the error bodies OpenAI-compatible servers send, as whole HTTP bodies or as stream
// events: OpenAI `{"error":{message,type,code}}`, LMDeploy `{"object":"error",message,code}`,
// FastAPI `{"detail":...}`, OAuth `{"error":"...","error_description"}` and Baidu
// `{"error_code","error_msg"}`, and LMDeploy's proxy: `{"error_code","text"}` and (≥0.12.2, appended to
// a stream) `{"error":true,"status","message"}`.

import type { ErrorResponse } from './chatProtocol';
import { classifyError, PROVIDER_TEXT_LIMIT, type ErrorInfo, type ProviderErrorDetails } from './errors';

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** FastAPI validation errors are a list of {loc, msg}; keep them readable. */
function detailText(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const parts = detail.map((d) => {
      if (!isRecord(d)) return str(d) ?? '';
      const loc = Array.isArray(d.loc) ? d.loc.map(String).join('.') : undefined;
      const msg = str(d.msg) ?? str(d.message) ?? JSON.stringify(d);
      return loc ? `${loc}: ${msg}` : msg;
    });
    return parts.filter(Boolean).join('; ');
  }
  if (isRecord(detail)) return str(detail.message) ?? str(detail.msg) ?? JSON.stringify(detail);
  return undefined;
}

/** The error described by a parsed JSON value, or undefined if it is not an error shape. */
export function errorFromJson(value: unknown): ErrorInfo | undefined {
  if (!isRecord(value)) return undefined;
  const err = value.error;
  if (isRecord(err)) {
    return {
      message: str(err.message) ?? str(err.msg) ?? JSON.stringify(err),
      code: str(err.code) ?? str(err.status),
      type: str(err.type),
    };
  }
  if (err === true) {
    return { message: str(value.message) ?? str(value.msg), status: typeof value.status === 'number' ? value.status : undefined };
  }
  if (typeof err === 'string' && err.length > 0) {
    return { message: str(value.error_description) ?? str(value.message) ?? err, code: err, type: str(value.type) };
  }
  if (value.object === 'error') {
    return { message: str(value.message) ?? str(value.msg), code: str(value.code), type: str(value.type) };
  }
  if (value.error_code !== undefined && value.error_code !== null && value.error_code !== 0) {
    return { message: str(value.error_msg) ?? str(value.message) ?? str(value.text), code: str(value.error_code) };
  }
  // LMDeploy 0.6–0.12 with --api-keys: FastAPI's detail wrapping an OpenAI error.
  if (isRecord(value.detail) && isRecord(value.detail.error)) return errorFromJson(value.detail);
  if (value.detail !== undefined && value.choices === undefined) {
    return { message: detailText(value.detail) };
  }
  return undefined;
}

/** Best-effort error info from a raw HTTP error body (JSON or text/HTML). */
export function errorFromBody(bodyText: string): ErrorInfo {
  const trimmed = bodyText.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const info = errorFromJson(parsed);
      if (info) return info;
      if (isRecord(parsed)) {
        const message = str(parsed.message) ?? str(parsed.msg);
        if (message) return { message, code: str(parsed.code) };
      }
    } catch {
      // Not JSON after all: fall through to text.
    }
  }
  // Proxies and gateways answer with HTML; keep only the words. `[^<>]` keeps the tag strip linear
  // (a text of many '<' and no '>' made `<[^>]*>` quadratic), and only the start is worth reading.
  const text = trimmed.slice(0, PROVIDER_TEXT_LIMIT).replace(/<[^<>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return text ? { message: text.slice(0, 500) } : {};
}

/** An HTTP error response read the usual way: the code and message its body holds, classified with its status. */
export function httpErrorDetails(response: ErrorResponse, info: ErrorInfo = errorFromBody(response.bodyText)): ProviderErrorDetails {
  return {
    kind: classifyError({ ...info, status: response.status }),
    status: response.status,
    code: info.code,
    providerMessage: info.message,
    retryAfterMs: response.retryAfterMs,
  };
}
