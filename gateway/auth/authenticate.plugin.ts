import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Caller } from '../../schema/caller';
import { AuthenticationError } from './verify-token';

/** The verified caller of each HTTP request (read by the policy filter and the upstream signer). */
const callers = new WeakMap<Request, Caller>();
export const callerOf = (request: Request | undefined): Caller | undefined =>
  request ? callers.get(request) : undefined;

/**
 * Every GraphQL request needs a valid bearer token: no token, a bad signature, an expired token or unknown
 * claims end the request with HTTP 401 and a GraphQL error `UNAUTHENTICATED` naming the reason, before
 * parsing, planning or any subgraph call.
 */
export function useAuthentication(verify: (token: string) => Promise<Caller>, graphqlEndpoint: string): GatewayPlugin {
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
