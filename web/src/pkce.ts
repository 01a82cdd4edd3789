/**
 * Sign-in with the OpenID Connect provider the gateway trusts: authorization code with PKCE (RFC 7636) through
 * oauth4webapi. Only the PKCE verifier and state wait in sessionStorage during the redirect (removed on return); the
 * access token stays in memory.
 */
import * as oauth from 'oauth4webapi';

const PENDING = 'masp-console-pkce';

export const redirectUri = (): string => `${window.location.origin}${import.meta.env.BASE_URL}callback`;

/** Plain http only for a provider on this machine (development, tests); https everywhere else. */
const insecure = (issuer: string) => {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
    ? { [oauth.allowInsecureRequests]: true }
    : {};
};

async function server(issuer: string): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuer);
  return oauth.processDiscoveryResponse(
    url,
    await oauth.discoveryRequest(url, { algorithm: 'oidc', ...insecure(issuer) }),
  );
}

/** The authorization URL to go to, its verifier and state kept for the return. */
export async function authorizationUrl(
  issuer: string,
  clientId: string,
  scope: string,
  storage: Pick<Storage, 'setItem'> = sessionStorage,
): Promise<URL> {
  const as = await server(issuer);
  if (!as.authorization_endpoint) throw new Error("le fournisseur n'annonce pas de point d'autorisation");
  const verifier = oauth.generateRandomCodeVerifier();
  const challenge = await oauth.calculatePKCECodeChallenge(verifier);
  const state = oauth.generateRandomState();
  storage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', scope);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  return url;
}

/** Back from the provider: the code exchanged (with the verifier) for the access token. */
export async function completeSignIn(
  issuer: string,
  clientId: string,
  current: URL,
  storage: Pick<Storage, 'getItem' | 'removeItem'> = sessionStorage,
): Promise<string> {
  const pending = storage.getItem(PENDING);
  storage.removeItem(PENDING);
  if (!pending) throw new Error('aucune connexion en cours');
  const { verifier, state } = JSON.parse(pending) as { verifier: string; state: string };
  const as = await server(issuer);
  const client: oauth.Client = { client_id: clientId };
  const params = oauth.validateAuthResponse(as, client, current, state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirectUri(),
    verifier,
    insecure(issuer),
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  return result.access_token;
}
