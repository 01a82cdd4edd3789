import { Directive, Field, FieldOptions, FieldResolver } from 'type-graphql';
import type { ReturnTypeFunc } from 'type-graphql/build/typings/decorators/types';
import { Domain, requiresScopesSdl } from '../../../schema/policy';

/**
 * A field that carries personal data: nullable (a denied field answers null without invalidating its parent,
 * schema/policy.md › Classification) and classified with the standard Federation directive `@requiresScopes` for its
 * domain, which the
 * gateway enforces before planning and the subgraph's shield enforces again.
 */
export function ClassifiedField(
  domain: Domain,
  type: ReturnTypeFunc,
  options: Omit<FieldOptions, 'nullable'> = {},
): PropertyDecorator & MethodDecorator {
  const field = Field(type, { ...options, nullable: true });
  const directive = Directive(requiresScopesSdl(domain));
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    directive(target, key as string, descriptor as PropertyDescriptor);
    field(target, key as string, descriptor as PropertyDescriptor);
  };
}

/** The same classification for a field computed by a resolver class (`@FieldResolver`). */
export function ClassifiedFieldResolver(
  domain: Domain,
  type: ReturnTypeFunc,
  options: Omit<FieldOptions, 'nullable'> = {},
): MethodDecorator {
  const resolver = FieldResolver(type, { ...options, nullable: true });
  const directive = Directive(requiresScopesSdl(domain));
  return (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
    directive(target, key as string, descriptor);
    resolver(target, key as string, descriptor);
  };
}
