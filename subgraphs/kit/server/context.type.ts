import type { DataSource } from 'typeorm';
import type { Caller, RegistryGrant } from '../access/caller';
import type { DeferredClaim } from '../access/replay-store';
import type { PersonRegistry } from '../access/department-registry';
import type { Logger } from '../runtime/logger';

/** What every resolver of every subgraph receives. `loaders` is new for each request (per-request batching). */
export interface SubgraphContext<Loaders = unknown> {
  caller: Caller;
  loaders: Loaders;
  /** Which persons a département agent reaches, asked of the department subgraph (partner subgraphs' row rules). */
  registry: PersonRegistry;
  dataSource: DataSource;
  log: Logger;
  /** The gateway's request id, for log correlation. */
  requestId?: string;
  /** The operation name the gateway sent (for the access log). */
  operationName?: string;
  /** At the department: the gateway's registry grant a partner's registry question came with (else none). */
  grant?: RegistryGrant;
  /** A query's replay claim, made at the end of the request with its access-log rows (kit/access-log/audit.ts). */
  replayClaim?: DeferredClaim;
}
