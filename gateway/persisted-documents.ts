import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, Kind, parse } from 'graphql';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, PROJECT_ROOT } from '../subgraphs/kit/runtime/env';

/**
 * Trusted documents (persisted documents, as Apollo's safelisting and Hive's app deployments): the GraphQL documents
 * each client application may send, registered in the repository, one folder per client:
 *
 *   gateway/trusted-documents/<client>/*.graphql      the documents, one operation (or a few) per file
 *   gateway/trusted-documents/<client>/manifest.json  { "<sha256 of the document>": "<document>" }, written by
 *                                                     `npm run documents` from the .graphql files
 *
 * A client sends either the hash alone (`extensions.persistedQuery.sha256Hash`, Apollo's protocol, or `documentId`)
 * or the whole text, whose sha256 must then be registered. In production (NODE_ENV=production) nothing else is
 * executed; in development and tests any document still runs. The metrics label operations with the registry's names
 * only. Adding a client application = adding its folder and running `npm run documents`.
 */
export const TRUSTED_DOCUMENTS_DIR = join(PROJECT_ROOT, 'gateway', 'trusted-documents');
export const MANIFEST_FILE = 'manifest.json';

export interface TrustedDocument {
  hash: string;
  client: string;
  document: string;
  /** Names of the document's operations ('' for an anonymous one). */
  operations: string[];
}

export interface TrustedDocuments {
  /** The client folders read, in order. */
  clients: string[];
  byHash: ReadonlyMap<string, TrustedDocument>;
  byText: ReadonlyMap<string, TrustedDocument>;
  /**
   * The metrics label of a request: the operation's name when the document is registered (`anonymous` when it has
   * none), `unregistered` otherwise. Bounded by the registry whatever the callers send.
   */
  operationLabel(query: unknown, operationName: unknown): string;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A .graphql file's document: its text without trailing blank space (what a client sends, and what is hashed). */
export const documentOfFile = (content: string): string => content.replace(/\s+$/, '');

/** A registered document read from its .graphql file: `trustedDocument('samples', 'Caseload')`. */
export const trustedDocument = (client: string, operation: string, dir: string = TRUSTED_DOCUMENTS_DIR): string =>
  documentOfFile(readFileSync(join(dir, client, `${operation}.graphql`), 'utf8'));

function operationNames(document: string, where: string): string[] {
  let ast;
  try {
    ast = parse(document, { noLocation: true });
  } catch (e) {
    throw new ConfigError('TRUSTED_DOCUMENTS_DIR', `holds an unreadable document in ${where}: ${(e as Error).message}`);
  }
  return ast.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? ''] : []));
}

/** The client folders of a registry directory (each a folder holding .graphql files or a manifest). */
export function clientFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory())
    .sort();
}

/** A client folder's .graphql files as `{ sha256: document }`, in file name order: what `npm run documents` writes. */
export function manifestOfFolder(folder: string): Record<string, string> {
  const manifest: Record<string, string> = {};
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    const document = documentOfFile(readFileSync(join(folder, file), 'utf8'));
    manifest[sha256(document)] = document;
  }
  return manifest;
}

/** Reads every client's manifest.json under `dir`, checking each hash against its document. */
export function loadTrustedDocuments(dir: string = TRUSTED_DOCUMENTS_DIR): TrustedDocuments {
  const byHash = new Map<string, TrustedDocument>();
  const byText = new Map<string, TrustedDocument>();
  const clients = clientFolders(dir);
  for (const client of clients) {
    const file = join(dir, client, MANIFEST_FILE);
    if (!existsSync(file))
      throw new ConfigError(
        'TRUSTED_DOCUMENTS_DIR',
        `has no ${MANIFEST_FILE} for client ${client}: run \`npm run documents\``,
      );
    let manifest: Record<string, unknown>;
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new ConfigError('TRUSTED_DOCUMENTS_DIR', `holds an unreadable ${client}/${MANIFEST_FILE}`);
    }
    for (const [hash, document] of Object.entries(manifest)) {
      if (typeof document !== 'string' || sha256(document) !== hash)
        throw new ConfigError(
          'TRUSTED_DOCUMENTS_DIR',
          `${client}/${MANIFEST_FILE}: the document of ${hash} does not hash to it: run \`npm run documents\``,
        );
      if (byHash.has(hash)) continue; // the same document registered by two clients: one entry
      const entry = { hash, client, document, operations: operationNames(document, `${client}/${MANIFEST_FILE}`) };
      byHash.set(hash, entry);
      byText.set(document, entry);
    }
  }
  return {
    clients,
    byHash,
    byText,
    operationLabel(query, operationName) {
      const entry = typeof query === 'string' ? byText.get(query) : undefined;
      if (!entry) return 'unregistered';
      const name =
        typeof operationName === 'string' && operationName !== ''
          ? entry.operations.find((o) => o === operationName)
          : entry.operations.length === 1
            ? entry.operations[0]
            : undefined;
      if (name === undefined) return 'unregistered';
      return name === '' ? 'anonymous' : name;
    },
  };
}

const HASH = /^[0-9a-f]{64}$/;

/** A request's document id: `extensions.persistedQuery.sha256Hash` (Apollo) or `documentId` (`sha256:` optional). */
export function persistedDocumentId(params: { extensions?: unknown; documentId?: unknown }): string | null {
  const persisted = (params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)
    ?.persistedQuery;
  if (persisted && typeof persisted === 'object' && persisted.version === 1 && typeof persisted.sha256Hash === 'string')
    return persisted.sha256Hash.toLowerCase();
  if (typeof params.documentId === 'string') return params.documentId.replace(/^sha256:/i, '').toLowerCase();
  return null;
}

interface ParamsLike {
  query?: unknown;
  extensions?: Record<string, unknown>;
  documentId?: unknown;
  [key: string]: unknown;
}

/**
 * A request sending the full text of a registered document is turned into a request by its id before the runtime's
 * persisted-documents check (which, in production, refuses every text): registered texts run, other texts do not.
 * A text sent with an id that is not its hash is left as it is (refused in production).
 */
export function useRegisteredTextsAsIds(registry: TrustedDocuments): GatewayPlugin {
  const asId = (params: ParamsLike): ParamsLike => {
    if (typeof params?.query !== 'string') return params;
    const entry = registry.byText.get(params.query);
    if (!entry) return params;
    const claimed = persistedDocumentId(params);
    if (claimed !== null && claimed !== entry.hash) return params;
    const { query: _text, ...rest } = params;
    return { ...rest, extensions: { ...params.extensions, persistedQuery: { version: 1, sha256Hash: entry.hash } } };
  };
  return {
    onRequestParse() {
      return {
        onRequestParseDone({ requestParserResult, setRequestParserResult }) {
          if (Array.isArray(requestParserResult))
            setRequestParserResult(requestParserResult.map((p) => asId(p as ParamsLike)) as never);
          else if (requestParserResult && typeof requestParserResult === 'object') {
            const params = asId(requestParserResult as ParamsLike);
            if (params !== requestParserResult) setRequestParserResult(params as never);
          }
        },
      };
    },
  } as GatewayPlugin;
}

const refusal = (message: string, code: string, status: number) =>
  new GraphQLError(message, { extensions: { code, http: { status } } });

/**
 * The runtime's `persistedDocuments` option (@graphql-yoga/plugin-persisted-operations under Hive Gateway): documents
 * by id from the registry (then, outside production, from the automatic persisted queries a caller stored); any
 * other document refused in production.
 */
export function persistedDocumentsOption(
  registry: TrustedDocuments,
  opts: { production: boolean; apq?: (hash: string) => string | undefined },
) {
  return {
    getPersistedOperation: (key: string) => registry.byHash.get(key)?.document ?? opts.apq?.(key) ?? null,
    allowArbitraryDocuments: !opts.production,
    extractPersistedOperationId: (params: { extensions?: unknown }) => {
      const id = persistedDocumentId(params as ParamsLike);
      return id !== null && HASH.test(id) ? id : id === null ? null : '';
    },
    customErrors: {
      // Outside production, APQ clients (Apollo, urql) retry with the full text on exactly this message, code and 200.
      notFound: () =>
        opts.production
          ? refusal(
              'Document inconnu : seuls les documents enregistrés pour votre application sont acceptés. / PersistedQueryNotFound: unknown document id; only the documents registered for your application are accepted.',
              'PERSISTED_QUERY_NOT_FOUND',
              404,
            )
          : refusal('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND', 200),
      persistedQueryOnly: () =>
        refusal(
          'Document non enregistré : en production, seuls les documents enregistrés pour votre application sont acceptés (par identifiant sha256, ou leur texte exact). / Unregistered document: in production only the documents registered for your application are accepted (by sha256 id, or their exact text).',
          'PERSISTED_QUERY_ONLY',
          400,
        ),
      keyNotFound: () =>
        refusal(
          'Requête sans document : envoyez `query` ou l’identifiant d’un document enregistré. / Request without a document: send `query` or a registered document id.',
          'PERSISTED_QUERY_ID_REQUIRED',
          400,
        ),
    },
  };
}
