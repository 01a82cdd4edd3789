import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLInt, GraphQLScalarType, GraphQLSchema, GraphQLString, isScalarType } from 'graphql';

/**
 * The contract's own scalars (Month, Cents, LocalDate) as the gateway reads them: by their wire type (String, Int). A
 * supergraph knows a custom scalar by its name only, and would let any JSON value through (a number for a month, an
 * object for an amount); with its wire type, such a value is refused here as it was when these fields were a String
 * or an Int (GraphQL validation for a literal, BAD_USER_INPUT naming the variable for a variable, before planning).
 * A value of the right type but the wrong content (a month 2025-13, a negative amount) goes on to its subgraph, whose
 * scalar refuses it naming the field.
 */
export const CONTRACT_WIRE_TYPES: Readonly<Record<string, GraphQLScalarType>> = {
  Month: GraphQLString,
  Cents: GraphQLInt,
  LocalDate: GraphQLString,
};

/**
 * Gives the supergraph's contract scalars their wire type's coercion (in place: validation, coercion and execution
 * share the schema).
 */
export function withContractWireTypes(schema: GraphQLSchema): GraphQLSchema {
  for (const [name, wire] of Object.entries(CONTRACT_WIRE_TYPES)) {
    const type = schema.getType(name);
    if (!isScalarType(type) || type.parseValue === wire.parseValue) continue;
    type.serialize = wire.serialize;
    type.parseValue = wire.parseValue;
    type.parseLiteral = wire.parseLiteral;
  }
  return schema;
}

export function useContractScalars(): GatewayPlugin {
  return {
    onSchemaChange({ schema }) {
      withContractWireTypes(schema);
    },
  };
}
