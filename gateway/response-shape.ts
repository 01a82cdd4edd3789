import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * An executed operation whose error reached the root answers `data: null` (GraphQL spec, "Response": the data entry
 * is null when an execution error prevented a result), as the JS planner always did: the Rust planner's executor
 * leaves `data` out. A request refused before execution (parse, validation) has no `data` entry: that path never
 * reaches this hook.
 */
export function useNullDataOnExecutionError(): GatewayPlugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in Object(result)) return;
          const r = result as { data?: unknown; errors?: readonly unknown[] };
          if (r.data === undefined && r.errors?.length) setResult({ ...r, data: null } as never);
        },
      };
    },
  };
}
