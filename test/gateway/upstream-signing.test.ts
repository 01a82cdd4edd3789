import { createPrivateKey } from 'node:crypto';
import { parse } from 'graphql';
import { useAuthentication } from '../../gateway/auth/authenticate.plugin';
import { generateGatewayJwk } from '../../gateway/auth/gateway-keys';
import { useUpstreamSigning } from '../../gateway/auth/upstream-signing';
import { OrgKind, Role } from '../../schema/policy';
import type { Caller } from '../../schema/caller';
import { GRANT_EXTENSION, SIGNATURE_EXTENSION, SIGNED_REQUEST_TTL_SECONDS } from '../../schema/upstream-signature';

/**
 * The gateway's signing plugin on its own (issue 21 §4): every subgraph request gets a signature of its own, while a
 * registry grant is handed again to the same caller's requests to the same partner for the first half of its
 * lifetime, and never to another caller or partner.
 */
const jwk = generateGatewayJwk('test-kid');
const keys = {
  signer: { kid: 'test-kid', key: createPrivateKey({ key: jwk, format: 'jwk' }) },
  jwks: { keys: [] },
};
const referent: Caller = {
  sub: 'ref-1',
  orgKind: OrgKind.DEPARTEMENT,
  orgId: 'dep',
  roles: [Role.TRAVAILLEUR_SOCIAL],
} as Caller;
const other: Caller = { ...referent, sub: 'ref-2' };

const payloadOf = (jws: unknown) => JSON.parse(Buffer.from(String(jws).split('.')[1], 'base64url').toString());

async function requestOf(caller: Caller): Promise<Request> {
  const request = new Request('http://gateway/graphql', { headers: { authorization: 'Bearer t' } });
  const auth = useAuthentication(async () => caller, '/graphql');
  await (auth.onRequest as (p: unknown) => Promise<void>)({
    request,
    url: new URL(request.url),
    endResponse: () => undefined,
    fetchAPI: globalThis,
  });
  return request;
}

describe('gateway › upstream signing', () => {
  const [, sign] = useUpstreamSigning(keys);
  const onSubgraphExecute = sign.onSubgraphExecute as (p: unknown) => void;
  /** What the plugin adds to one subgraph request of `request`'s caller. */
  const signedFor = (subgraphName: string, request: Request) => {
    const executionRequest = {
      document: parse('{ _entities(representations: []) { __typename } }'),
      variables: {},
      context: { request },
      extensions: {},
    };
    onSubgraphExecute({ subgraphName, executionRequest });
    return executionRequest.extensions as Record<string, unknown>;
  };
  afterEach(() => jest.restoreAllMocks());

  it('signs every request anew, and reuses a grant per caller and partner for half its lifetime only', async () => {
    const start = Date.now();
    const now = jest.spyOn(Date, 'now').mockReturnValue(start);
    const [r1, r2, r3] = [await requestOf(referent), await requestOf(referent), await requestOf(other)];
    const first = signedFor('bailleur', r1);
    const second = signedFor('bailleur', r2);
    // each request: its own signature and jti
    expect(payloadOf(second[SIGNATURE_EXTENSION]).jti).not.toBe(payloadOf(first[SIGNATURE_EXTENSION]).jti);
    // the same caller and partner: the same grant
    expect(second[GRANT_EXTENSION]).toBe(first[GRANT_EXTENSION]);
    expect(payloadOf(first[GRANT_EXTENSION])).toMatchObject({ sub: 'ref-1', partner: 'bailleur' });
    // another partner, another caller: a grant of their own
    const toMandataire = signedFor('mandataire', r1)[GRANT_EXTENSION];
    expect(payloadOf(toMandataire)).toMatchObject({ sub: 'ref-1', partner: 'mandataire' });
    const otherCaller = signedFor('bailleur', r3)[GRANT_EXTENSION];
    expect(payloadOf(otherCaller)).toMatchObject({ sub: 'ref-2', partner: 'bailleur' });
    // the department is asked no registry question: no grant
    expect(signedFor('department', r1)[GRANT_EXTENSION]).toBeUndefined();

    // just before half the lifetime: still the same; at half: a new grant, with a full lifetime ahead
    now.mockReturnValue(start + (SIGNED_REQUEST_TTL_SECONDS * 1000) / 2 - 1);
    expect(signedFor('bailleur', r1)[GRANT_EXTENSION]).toBe(first[GRANT_EXTENSION]);
    now.mockReturnValue(start + (SIGNED_REQUEST_TTL_SECONDS * 1000) / 2);
    const renewed = signedFor('bailleur', r1)[GRANT_EXTENSION];
    expect(renewed).not.toBe(first[GRANT_EXTENSION]);
    const { iat, exp } = payloadOf(renewed);
    expect(exp - iat).toBe(SIGNED_REQUEST_TTL_SECONDS);
    expect(iat).toBe(Math.floor((start + (SIGNED_REQUEST_TTL_SECONDS * 1000) / 2) / 1000));
  });
});
