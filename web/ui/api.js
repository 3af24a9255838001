// The server's JSON API (docs/http-api.md) as the pages use it: every call resolves, never
// throws, to { ok, status, body, error } so a page can show "unreachable" or the server's
// reason in words. Same-origin requests carry the token cookie by themselves ("Access").

// A request that hangs longer than this counts as the server being unreachable.
const kTimeoutMs = 4000;

async function call(path, init = {}) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), kTimeoutMs);
  try {
    const r = await fetch(path, { ...init, signal: abort.signal, cache: 'no-store' });
    let body = null;
    try {
      body = await r.json();
    } catch {
      body = null; // not JSON (e.g. a proxy's error page): the status says enough
    }
    const error = r.ok ? '' : (body?.error || `${r.status} ${r.statusText}`);
    return { ok: r.ok, status: r.status, body, error };
  } catch (e) {
    const error = e.name === 'AbortError' ? 'no answer in time' : 'no connection';
    return { ok: false, status: 0, body: null, error };
  } finally {
    clearTimeout(timer);
  }
}

/** GET `path` as JSON. */
export function getJson(path) {
  return call(path);
}

/** POST `body` as JSON (the server refuses any other Content-Type for a POST). */
export function postJson(path, body = {}) {
  return call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The line a page shows for a failed call: 401 gets the way in, not just the status. */
export function describeFailure(result) {
  if (result.status === 401) {
    return `not authorized (${result.error}): open /?token=TOKEN once in this browser`;
  }
  return result.error;
}
