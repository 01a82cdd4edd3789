import type { RunnableSubgraph } from '../kit/server/run-subgraph';
import { bailleurDatabase } from './data-source';
import { BailleurLoaders, createLoaders } from './loaders';
import { seedBailleur } from './seed';
import { buildBailleurSchema } from './schema';
import { handlePaymentOrderDecided, handlePaymentOrderEnded } from './events/payment-order.handlers';

/** The landlords' subgraph: leases, direct-payment orders and rent confirmations (CASF L271-5). */
export const bailleur: RunnableSubgraph<BailleurLoaders> = {
  name: 'bailleur',
  database: bailleurDatabase,
  buildSchema: buildBailleurSchema,
  createLoaders,
  usesRegistry: true,
  seed: seedBailleur,
  consumes: {
    'payment-order.decided': handlePaymentOrderDecided,
    'payment-order.ended': handlePaymentOrderEnded,
  },
};
