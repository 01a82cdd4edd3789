import type { GenericAuthPluginOptions, ValidateUserFnParams } from '@envelop/generic-auth';
import { GraphQLError } from 'graphql';
import type { Caller } from '../../schema/caller';
import { domainOfScope, isPublicField } from '../../schema/policy';
import { callerOf } from '../auth/authenticate.plugin';

/** Where a denied field stands in the answer. The runtime marks list levels with '@'; they carry no index. */
const responsePath = (path: ReadonlyArray<string | number>) => path.filter((p) => p !== '@');

/**
 * The secret partagé at the gateway, with the runtime's generic-auth in its granular mode: before planning, every
 * field whose @requiresScopes domain the caller's role lacks is removed from the operation (so it never reaches a
 * subgraph) and answered null with FORBIDDEN + its domain; the rest of the answer is served. Deny by default:
 * an unclassified field that schema/policy.ts does not list as public is refused too.
 */
export function policyFilter(): GenericAuthPluginOptions<Caller, { request?: Request }> {
  return {
    mode: 'protect-granular',
    rejectUnauthenticated: false,
    resolveUserFn: (context) => callerOf(context.request) ?? null,
    extractScopes: (caller: Caller) => caller?.scopes ?? [],
    validateUser({ fieldScopes, userScopes, parentType, field, fieldNode, path }: ValidateUserFnParams<Caller>) {
      if (fieldScopes?.length) {
        if (fieldScopes.some((group) => group.every((scope) => userScopes.includes(scope)))) return undefined;
        const domain = domainOfScope(fieldScopes[0][0]) ?? fieldScopes[0][0];
        return new GraphQLError(
          `Accès refusé : le domaine ${domain} n'est pas accordé à votre rôle. / Access denied: your role does not hold the ${domain} domain.`,
          { nodes: fieldNode, path: responsePath(path), extensions: { code: 'FORBIDDEN', domain } },
        );
      }
      if (isPublicField(parentType.name, field.name)) return undefined;
      return new GraphQLError(`Accès refusé : ${parentType.name}.${field.name} n'est pas classé. / Access denied: ${parentType.name}.${field.name} is not classified.`, {
        nodes: fieldNode,
        path: responsePath(path),
        extensions: { code: 'FORBIDDEN' },
      });
    },
  };
}
