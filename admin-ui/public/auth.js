// Operator sign-in through Cognito's InitiateAuth API (USER_PASSWORD_AUTH). Locally the runner answers the
// same protocol, so this code is identical in AWS and on a laptop. Tokens live in sessionStorage only.
import { setBusinessZone } from './time-zone.js';

let settings;

export async function loadSettings() {
  if (!settings) {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (!response.ok) {
      await response.text().catch(() => ''); // read to its end: a body never read keeps its request open
      throw new Error('config.json missing');
    }
    settings = await response.json();
    setBusinessZone(settings.businessTimeZone);
  }
  return settings;
}

function cognitoUrl(s) {
  return s.cognitoEndpoint || `https://cognito-idp.${s.region}.amazonaws.com/`;
}

export async function signIn(username, password) {
  const s = await loadSettings();
  const response = await fetch(cognitoUrl(s), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: s.userPoolClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password } }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.AuthenticationResult) {
    const error = new Error(body.message || 'sign-in failed');
    error.code = body.__type || String(response.status);
    throw error;
  }
  const result = body.AuthenticationResult;
  sessionStorage.setItem('fanops.idToken', result.IdToken);
  sessionStorage.setItem('fanops.expiresAt', String(Date.now() + result.ExpiresIn * 1000));
  return result;
}

export function signOut() {
  sessionStorage.removeItem('fanops.idToken');
  sessionStorage.removeItem('fanops.expiresAt');
}

export function token() {
  const expiresAt = Number(sessionStorage.getItem('fanops.expiresAt') || 0);
  return Date.now() < expiresAt ? sessionStorage.getItem('fanops.idToken') : null;
}

/** Calls the admin API with the operator's token; a 401 ends the session. */
export async function api(path, options = {}) {
  const s = await loadSettings();
  const headers = { ...(options.headers || {}), authorization: `Bearer ${token()}` };
  const response = await fetch(s.apiUrl + path, { ...options, headers });
  if (response.status === 401) {
    await response.text().catch(() => ''); // read to its end: a body never read keeps its request open
    signOut();
    const error = new Error('unauthorized');
    error.code = 'SessionExpired';
    throw error;
  }
  return response;
}
