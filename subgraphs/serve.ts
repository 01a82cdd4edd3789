import 'reflect-metadata';
import { runSubgraph } from './kit/server/run-subgraph';
import { SUBGRAPHS } from '.';

/** One partner's subgraph as its own process: `node dist/subgraphs/serve.js <name>` (docker-compose, Kubernetes). */
const name = process.argv[2];
const def = SUBGRAPHS.find((d) => d.name === name);
if (!def) {
  console.error(
    `usage: serve <${SUBGRAPHS.map((d) => d.name).join('|')}> (got ${name === undefined ? 'nothing' : `"${name}"`})`,
  );
  process.exit(2);
}
void runSubgraph(def as Parameters<typeof runSubgraph>[0]);
