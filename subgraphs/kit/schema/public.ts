import { Directive } from 'type-graphql';
import { publicTagSdl } from '../../../schema/policy';

/**
 * A field served without a domain (an id, a lifecycle status or date: nothing that says who a person is), placed beside
 * its `@Field` or `@FieldResolver`: tags it `@tag(name: "public")` in the subgraph SDL, which the composition keeps in
 * the supergraph; the gateway and the subgraph's shield serve it to any caller. A field neither classified
 * (`ClassifiedField`) nor public is refused (schema/policy.ts). Root fields of Query and Mutation need no tag: they are
 * entry points, and what they return is classified field by field.
 */
export function Public(): PropertyDecorator & MethodDecorator {
  return Directive(publicTagSdl()) as PropertyDecorator & MethodDecorator;
}
