import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { DevKeys } from '../../gateway/auth/dev-keys';
import { mintDevToken } from '../../gateway/auth/mint-token';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { loadTrustedDocuments, sha256 } from '../../gateway/persisted-documents';
import { previousMonth } from '../../gateway/sample-queries';
import { PROJECT_ROOT } from '../../subgraphs/kit/runtime/env';
import { startProductionTestHub, TestHub } from '../helpers/hub';

/**
 * The console against a production gateway (NODE_ENV=production: only trusted documents run). Every operation the
 * console sends is a registered document of the `console` client, sent by id as the console sends it
 * (web/src/client.ts); mutations are sent without their variables, so they are accepted as documents and refused
 * before any write.
 */
const PERSISTED: Record<string, string> = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'web', 'src', 'gql', 'persisted-documents.json'), 'utf8'),
);

let hub: TestHub;
let keys: DevKeys;
beforeAll(async () => {
  ({ hub, keys } = await startProductionTestHub());
}, 60_000);
afterAll(async () => {
  await hub?.stop();
});

const CALLER: Record<string, string> = {
  ConsoleLandlordMonth: 'GESTIONNAIRE_LOCATIF (bailleur 1)',
  ConsoleCaseload: 'TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)',
  ConsoleDelegatedFiles: 'DELEGUE (association A)',
  ConsoleMaj: 'MJPM (service mandataire)',
};

async function post(label: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await hub.gateway.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await mintDevToken(keys, DEMO_CALLERS[label])}`,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const nameOf = (text: string) => {
  const op = parse(text).definitions[0];
  return op.kind === 'OperationDefinition' ? { name: op.name!.value, kind: op.operation } : { name: '', kind: '' };
};

describe('console › production gateway (trusted documents only)', () => {
  it("registers every operation of the console's bundle under the console client, hash for hash", () => {
    const registry = loadTrustedDocuments();
    expect(Object.keys(PERSISTED).length).toBeGreaterThanOrEqual(10);
    for (const [id, text] of Object.entries(PERSISTED)) {
      const hash = id.replace(/^sha256:/, '');
      expect(sha256(text)).toBe(hash);
      expect(registry.byHash.get(hash)).toMatchObject({ client: 'console' });
    }
  });

  it('runs the pages’ queries by id for their roles', async () => {
    for (const [id, text] of Object.entries(PERSISTED)) {
      const { name } = nameOf(text);
      if (!CALLER[name]) continue;
      const variables = name === 'ConsoleLandlordMonth' ? { month: previousMonth() } : undefined;
      const { status, body } = await post(CALLER[name], { documentId: id, operationName: name, variables });
      expect(status).toBe(200);
      expect(Object.values(body.data ?? {}).every((v) => Array.isArray(v) && v.length > 0)).toBe(true);
      // Only field refusals (the « réservé » marks), never a refused document.
      for (const e of body.errors ?? []) expect(e.extensions.code).toBe('FORBIDDEN');
    }
  });

  it('accepts every mutation as a document (refused on its missing variables, nothing written)', async () => {
    for (const [id, text] of Object.entries(PERSISTED)) {
      const { name, kind } = nameOf(text);
      if (kind !== 'mutation') continue;
      const { status, body } = await post('GESTIONNAIRE_LOCATIF (bailleur 1)', { documentId: id, operationName: name });
      expect(status).toBeLessThan(500);
      expect(body.errors[0].extensions.code).not.toMatch(/PERSISTED_QUERY/);
      expect(body.errors[0].message).toMatch(/Variable "\$\w+" of required type/);
    }
  });

  it('refuses a document the console did not register, and serves /app without the demo callers', async () => {
    const { body } = await post('GESTIONNAIRE_LOCATIF (bailleur 1)', { query: '{ myLeases(first: 1) { id } }' });
    expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    const config = await (await hub.gateway.fetch('http://localhost/app/config.json')).json();
    expect(config.devCallers).toBeUndefined();
    expect(config.graphqlEndpoint).toBe('/graphql');
  });
});
