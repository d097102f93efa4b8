// The console's only way to the relay: fetch /v1 with the signed-in token, problems as errors.
const KEY = 'inlet.console.token';
const ME = 'inlet.console.me';

/** An RFC 9457 problem from the API (or a network failure dressed as one). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.title || 'Request failed');
    this.status = status;
    this.title = problem.title || 'Request failed';
    this.detail = problem.detail || '';
    this.errors = problem.errors || [];
  }
}

let onSignedOut = () => {};

export const session = {
  token: () => sessionStorage.getItem(KEY),
  me: () => JSON.parse(sessionStorage.getItem(ME) || 'null'),
  signIn(token, me) {
    sessionStorage.setItem(KEY, token);
    sessionStorage.setItem(ME, JSON.stringify(me));
  },
  signOut() {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(ME);
  },
  /** Called with a message when the API refuses the token (expired, revoked). */
  onSignedOut(listener) { onSignedOut = listener; },
};

async function problemOf(response) {
  try {
    return await response.json();
  } catch (e) {
    return { title: response.statusText || ('HTTP ' + response.status) };
  }
}

/** Sends one request; resolves the JSON body (null for 204), rejects with an ApiError. */
export async function api(path, { method = 'GET', body, token = session.token(), raw = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', redirect: 'error' });
  } catch (e) {
    throw new ApiError(0, { title: 'The relay did not answer', detail: 'Check that it is running and reachable.' });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && token && token === session.token()) {
      session.signOut();
      onSignedOut(error);
    }
    throw error;
  }
  if (raw) return response;
  if (response.status === 204) return null;
  return response.json();
}

/** Every page of a cursor list (at most `max` items). */
export async function all(path, max = 1000) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await api(path + sep + 'limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

/** Runs `work` over `items` with at most `width` requests in flight (browsers allow 6 per origin). */
export async function eachLimited(items, width, work) {
  const results = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]).catch(e => ({ error: e }));
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}

export const enc = encodeURIComponent;
