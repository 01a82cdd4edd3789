import type { MetricsServing } from '../../subgraphs/kit/runtime/metrics-server';

export { serveMetrics } from '../../subgraphs/kit/runtime/metrics-server';
export type { MetricsServing, ServedMetrics } from '../../subgraphs/kit/runtime/metrics-server';

/**
 * What each gateway runtime's metrics server should be (set by createHubGateway, read by serveGateway): /metrics on
 * METRICS_PORT, never on the public GraphQL port.
 */
const servings = new WeakMap<object, MetricsServing>();
export const setMetricsServing = (gateway: object, serving: MetricsServing): void => {
  servings.set(gateway, serving);
};
export const metricsServingOf = (gateway: object): MetricsServing | undefined => servings.get(gateway);
