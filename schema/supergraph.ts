import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** This folder in the sources, also when running compiled from dist/schema/. */
export const SCHEMA_DIR: string = __dirname.replace(/([\\/])dist[\\/]schema$/, '$1schema');

/** The committed supergraph (schema/supergraph.graphql). */
export const SUPERGRAPH_PATH = join(SCHEMA_DIR, 'supergraph.graphql');

/**
 * The partners of a supergraph and their routing URLs, from its `join__Graph` enum. supergraph.yaml is the one place
 * that names the partners and their ports; the composed supergraph carries them to the gateway (which subgraphs to
 * call) and to each subgraph (its default port).
 */
export function supergraphEndpoints(supergraphSdl: string): Record<string, string> {
  const endpoints: Record<string, string> = {};
  for (const m of supergraphSdl.matchAll(/@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]*)"\)/g))
    endpoints[m[1]] = m[2];
  return endpoints;
}

/** A partner's default port: the one of its routing URL in the committed supergraph (supergraph.yaml). */
export function defaultPortOf(name: string, supergraphPath = SUPERGRAPH_PATH): number {
  const url = supergraphEndpoints(readFileSync(supergraphPath, 'utf8'))[name];
  if (!url) throw new Error(`schema/supergraph.yaml names no subgraph "${name}"`);
  return Number(new URL(url).port);
}
