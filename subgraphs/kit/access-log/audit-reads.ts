import { GraphQLSchema, isObjectType, getNamedType, GraphQLResolveInfo } from 'graphql';
import type { Domain } from '../../../schema/policy';
import { noteRead } from './audit';
import { classifiedDomain, ServedHook } from '../access/permissions';

/** The GraphQL type whose objects ARE the person (their `id` is the person's id). */
export const PERSON_TYPE = 'Beneficiary';

/**
 * Person ids inherited along the answer: an object reached from a person's object (a lease's payment) belongs to
 * that person's file even if it carries no `beneficiaryId` of its own.
 */
const inherited = new WeakMap<object, string>();

/**
 * The person an object of a type belongs to (audit contract of the common brief): its `id` for Beneficiary,
 * else its `beneficiaryId`, else the person of the object it was reached from.
 */
export function personOf(typeName: string, parent: unknown): string | undefined {
  if (!parent || typeof parent !== 'object') return undefined;
  const p = parent as { id?: unknown; beneficiaryId?: unknown };
  if (typeName === PERSON_TYPE) return typeof p.id === 'string' ? p.id : undefined;
  if (typeof p.beneficiaryId === 'string') return p.beneficiaryId;
  return inherited.get(parent);
}

function markChildren(value: unknown, person: string): void {
  if (Array.isArray(value)) {
    for (const v of value) markChildren(v, person);
  } else if (
    value &&
    typeof value === 'object' &&
    typeof (value as { beneficiaryId?: unknown }).beneficiaryId !== 'string' &&
    !inherited.has(value)
  ) {
    inherited.set(value, person);
  }
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || (Array.isArray(value) && value.length === 0);

/**
 * The READ side of the access log: a hook on every classified field, and every field returning an object, of a
 * subgraph schema, run by the field's guard (kit/permissions.ts `applyGuards`) on the value once it is served — only
 * served fields count. A classified field that resolved to a value notes (person, domain) in the request's buffer;
 * nothing is written here (one INSERT per request, see `accessLogPlugin`). A denied field never reaches this hook; an
 * empty answer (null, []) reveals nothing and is not recorded. Synchronous: no promise per field.
 */
export function auditReadHooks(schema: GraphQLSchema): Map<string, ServedHook> {
  const hooks = new Map<string, ServedHook>();
  const unattributed = new Set<string>();
  const roots = new Set([
    schema.getQueryType()?.name,
    schema.getMutationType()?.name,
    schema.getSubscriptionType()?.name,
  ]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name.startsWith('_') || roots.has(type.name))
      continue;
    for (const field of Object.values(type.getFields())) {
      const domain: Domain | undefined = classifiedDomain(field);
      const returnsObject = isObjectType(getNamedType(field.type)) && getNamedType(field.type).name !== PERSON_TYPE;
      if (!domain && !returnsObject) continue;
      hooks.set(`${type.name}.${field.name}`, (value, parent, ctx, info: GraphQLResolveInfo) => {
        if (isEmpty(value) || value instanceof Error) return;
        const person = personOf(info.parentType.name, parent);
        if (!person) {
          if (domain && !unattributed.has(`${type.name}.${field.name}`)) {
            unattributed.add(`${type.name}.${field.name}`);
            (ctx as { log?: { warn(o: object, m: string): void } }).log?.warn(
              { field: `${type.name}.${field.name}` },
              'classified field served from an object without beneficiaryId: read not attributed to a person',
            );
          }
          return;
        }
        if (domain) noteRead(ctx, person, domain);
        if (returnsObject) markChildren(value, person);
      });
    }
  }
  return hooks;
}
