// Configuration, sign-in and the signed-in session. The token lives in sessionStorage only (gone when the
// tab closes), never in a cookie. Locally (config.signIn "local") a role picker asks the runner for a dev
// token; deployed (config.signIn "cognito") the Cognito hosted UI signs in with authorization code + PKCE.
const SESSION_KEY = 'helplineInsights.session';
const PKCE_KEY = 'helplineInsights.pkce';
export const GROUPS = ['responder', 'coordinator', 'centre', 'analyst'];

let config;

export async function loadConfig() {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  config = { signIn: 'local', api: '', snapshotRoot: '/', ...(await response.json()) };
  return config;
}

export function appConfig() {
  return config;
}

// The claims of a JWT (not verified here: the API verifies every token; the app only reads the groups).
function claims(token) {
  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
  return JSON.parse(json);
}

function groupsOf(payload) {
  const value = payload['cognito:groups'];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
  return [];
}

export function session() {
  const stored = sessionStorage.getItem(SESSION_KEY);
  if (!stored) return null;
  const value = JSON.parse(stored);
  if (value.expiresAt && value.expiresAt < Date.now()) {
    signOutLocally();
    return null;
  }
  return value;
}

function keep(token) {
  const payload = claims(token);
  const value = { token, groups: groupsOf(payload), expiresAt: payload.exp ? payload.exp * 1000 : null };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  return value;
}

export function hasGroup(...groups) {
  const current = session();
  return !!current && current.groups.some((group) => groups.includes(group));
}

export function signOutLocally() {
  sessionStorage.removeItem(SESSION_KEY);
}

export function signOut() {
  signOutLocally();
  // Ending the hosted UI's own session needs the app client to list the logout URL (LogoutURLs).
  if (config.signIn === 'cognito' && config.cognito.logoutUri) {
    const { domain, clientId, logoutUri } = config.cognito;
    const query = new URLSearchParams({ client_id: clientId, logout_uri: logoutUri });
    location.assign(`https://${domain}/logout?${query}`);
  }
}

export async function signInLocal(group) {
  const response = await fetch(`${config.api}/local/token?group=${encodeURIComponent(group)}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(String(response.status));
  return keep((await response.json()).token);
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function signInCognito() {
  const { domain, clientId, redirectUri, scope } = config.cognito;
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, hash: location.hash }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: scope || 'openid',
    code_challenge_method: 'S256', code_challenge: challenge, state
  });
  location.assign(`https://${domain}/oauth2/authorize?${query}`);
}

// Completes a hosted-UI sign-in when the page is the redirect target (?code=…&state=…).
export async function completeCognitoSignIn() {
  const query = new URLSearchParams(location.search);
  if (config.signIn !== 'cognito' || !query.has('code')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', location.pathname + (pending?.hash || ''));
  if (!pending || pending.state !== query.get('state')) throw new Error('state mismatch');
  const { domain, clientId, redirectUri } = config.cognito;
  const response = await fetch(`https://${domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: clientId, code: query.get('code'),
      redirect_uri: redirectUri, code_verifier: pending.verifier
    })
  });
  if (!response.ok) throw new Error(String(response.status));
  const tokens = await response.json();
  return keep(tokens.access_token);
}

export class NetworkError extends Error {}

// Calls the staff API with the session's token. Answers { status, body, headers }; throws NetworkError
// when no answer came (so the caller may retry).
export async function api(method, path, { json, text, contentType, headers = {} } = {}) {
  const current = session();
  const init = {
    method,
    cache: 'no-store',
    headers: { ...headers, ...(current ? { authorization: `Bearer ${current.token}` } : {}) }
  };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['content-type'] = 'application/json';
  } else if (text !== undefined) {
    init.body = text;
    init.headers['content-type'] = contentType || 'text/plain';
  }
  let response;
  try {
    response = await fetch(config.api + path, init);
  } catch (error) {
    throw new NetworkError(error.message);
  }
  const type = response.headers.get('content-type') || '';
  const body = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (response.status === 401) {
    signOutLocally();
    window.dispatchEvent(new Event('helpline:signed-out'));
  }
  return { status: response.status, body, headers: response.headers };
}

export function problem(answer) {
  const body = answer.body;
  return body && typeof body === 'object' ? body.message || body.error || String(answer.status) : String(answer.status);
}
