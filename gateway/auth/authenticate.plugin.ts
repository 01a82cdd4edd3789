import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Caller } from '../../schema/caller';
import { serviceLogger } from '../../subgraphs/kit/runtime/logger';
import { AuthenticationError, KeysUnavailableError } from './verify-token';

/** Seconds a client waits before retrying when the provider's keys are unavailable (Retry-After). */
const KEYS_RETRY_AFTER_S = 5;

/** The verified caller of each HTTP request (read by the policy filter and the upstream signer). */
const callers = new WeakMap<Request, Caller>();
export const callerOf = (request: Request | undefined): Caller | undefined =>
  request ? callers.get(request) : undefined;

/**
 * Every GraphQL request needs a valid bearer token: no token, a bad signature, an expired token, an ID token or
 * unknown claims end the request with HTTP 401 and a GraphQL error `UNAUTHENTICATED` naming the reason, before
 * parsing, planning or any subgraph call. When the provider's keys cannot be fetched the token is not at fault: the
 * gateway logs why and answers 503 `SERVICE_UNAVAILABLE`, retryable, with Retry-After.
 */
export function useAuthentication(
  verify: (token: string) => Promise<Caller>,
  graphqlEndpoint: string,
  opts: { log?: Pick<ReturnType<typeof serviceLogger>, 'warn'> } = {},
): GatewayPlugin {
  const log = opts.log ?? serviceLogger('gateway');
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlEndpoint || request.method === 'OPTIONS') return;
      const header = request.headers.get('authorization') ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      try {
        if (!match)
          throw new AuthenticationError(
            'missing_token',
            'Authentification requise : en-tête « Authorization: Bearer <jeton> » manquant. / Authentication required: missing "Authorization: Bearer <token>" header.',
          );
        callers.set(request, await verify(match[1]));
      } catch (e) {
        if (e instanceof KeysUnavailableError) {
          log.warn({ reason: e.why }, 'token keys unavailable: answering 503');
          endResponse(
            new fetchAPI.Response(
              JSON.stringify({
                errors: [
                  {
                    message:
                      "Vérification du jeton impossible : les clés du fournisseur d'identité sont injoignables ; réessayez. / Cannot verify the token: the identity provider's keys are unreachable; retry.",
                    extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
                  },
                ],
              }),
              {
                status: 503,
                headers: {
                  'content-type': 'application/json; charset=utf-8',
                  'retry-after': String(KEYS_RETRY_AFTER_S),
                },
              },
            ),
          );
          return;
        }
        const error =
          e instanceof AuthenticationError
            ? e
            : new AuthenticationError('malformed', 'Jeton illisible. / Unreadable token.');
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({
              errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED', reason: error.reason } }],
            }),
            {
              status: 401,
              headers: {
                'content-type': 'application/json; charset=utf-8',
                'www-authenticate': `Bearer error="invalid_token", error_description="${error.reason}"`,
              },
            },
          ),
        );
      }
    },
  };
}
