/*!
 * Kefu pages: calling the server. One client per page holds the bearer token (see signin.js);
 * every refusal becomes an ApiError carrying the server's {"error": {code, message, problems?}}.
 */

/** A refused or failed call: the HTTP status (0 when the server was not reached), code and message. */
export class ApiError extends Error {
  constructor(status, code, message, problems) {
    super(message);
    this.status = status;
    this.code = code;
    this.problems = problems || [];
  }
}

export class Api {
  constructor() {
    /** The bearer token sent with every call, or null (public endpoints only). */
    this.token = null;
    /** Called with the ApiError when the server refuses the token (a 401). */
    this.onUnauthorized = null;
  }

  /**
   * Calls the server. body: undefined (none), a string (sent as is, as opts.contentType or JSON
   * Lines) or a value (sent as JSON). Resolves with the parsed JSON (a Blob with opts.blob, the text
   * with opts.text); rejects with an ApiError. A 401 calls onUnauthorized, unless opts.signingIn.
   */
  async call(method, path, body, opts = {}) {
    const headers = { Accept: opts.accept || 'application/json' };
    if (this.token) headers.Authorization = 'Bearer ' + this.token;
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['Content-Type'] = typeof body !== 'string' ? 'application/json'
        : opts.contentType || 'application/x-ndjson; charset=utf-8';
    }
    let res;
    try {
      res = await fetch(path, { method, headers, body: payload, cache: 'no-store', credentials: 'omit' });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', 'Cannot reach the server (' + ((e && e.message) || 'network error') + ').');
    }
    if (res.ok && opts.blob) return res.blob();
    const text = await res.text();
    if (res.ok && opts.text) return text;
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (res.ok) return data;
    const err = data && typeof data.error === 'object' && data.error ? data.error : {};
    const e = new ApiError(res.status, String(err.code || 'HTTP_' + res.status),
      String(err.message || 'The server answered ' + res.status + '.'),
      Array.isArray(err.problems) ? err.problems.map(String) : []);
    if (res.status === 401 && !opts.signingIn && this.onUnauthorized) this.onUnauthorized(e);
    throw e;
  }
}

let meta = null;

/**
 * What the server tells its pages (GET /api/v1/ui): its limits, and the codes of its states, types
 * and reasons with their labels. Read once; a failed read is tried again on the next call.
 */
export async function loadMeta() {
  if (!meta) meta = await new Api().call('GET', '/api/v1/ui');
  return meta;
}

/** A code's English label from one of the meta's lists; the code itself when the list lacks it. */
export function label(list, code) {
  const item = list.find((i) => i.code === code);
  return item ? item.label.en : String(code == null ? '' : code);
}

/** A code's English description from one of the meta's lists, or null. */
export function description(list, code) {
  const item = list.find((i) => i.code === code);
  return item && item.description ? item.description.en : null;
}
