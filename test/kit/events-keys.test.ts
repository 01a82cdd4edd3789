import { exportJWK, generateKeyPair } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventsUrlOf, partnerUrlsFromEnv } from '../../subgraphs/kit/events/delivery';
import { EVENT_PARTNERS, loadOrCreateDevEventsKeys, readEventsKeys } from '../../subgraphs/kit/events/keys';
import { summaryOf } from '../../subgraphs/kit/events/notifications';

/** Issue 17 §4 — each partner signs with its own key; configuration mistakes stop a subgraph with one line. */
describe('events › keys and configuration', () => {
  it('generates one development key pair per partner, kid = partner, and the JWKS of their public halves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'masp-events-keys-'));
    const keys = await loadOrCreateDevEventsKeys(dir);
    expect(Object.keys(keys.signingKeys).sort()).toEqual([...EVENT_PARTNERS].sort());
    expect(keys.jwks.keys.map((k) => k.kid).sort()).toEqual([...EVENT_PARTNERS].sort());
    expect(keys.jwks.keys.every((k) => !('d' in k))).toBe(true);
    // the same keys on the next start
    const again = await loadOrCreateDevEventsKeys(dir);
    expect(again.jwks).toEqual(keys.jwks);
  });

  it('requires EVENTS_SIGNING_KEY and PARTNER_EVENTS_JWKS in production', async () => {
    await expect(readEventsKeys('department', { NODE_ENV: 'production' })).rejects.toThrow(
      'configuration: EVENTS_SIGNING_KEY is required in production',
    );
  });

  it('reads a private JWK and a JWKS file, and refuses a JWKS holding a private key or a stranger', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'masp-events-conf-'));
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const priv = { ...(await exportJWK(privateKey)), kid: 'department' };
    const pub = { ...(await exportJWK(publicKey)), kid: 'department' };
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [pub] }));
    const env = {
      NODE_ENV: 'production',
      EVENTS_SIGNING_KEY: JSON.stringify(priv),
      PARTNER_EVENTS_JWKS: join(dir, 'jwks.json'),
    };
    const keys = await readEventsKeys('department', env);
    expect(keys.jwks.keys).toHaveLength(1);
    await expect(readEventsKeys('bailleur', env)).rejects.toThrow(
      'configuration: EVENTS_SIGNING_KEY must have kid "bailleur" (or none), got "department"',
    );
    await expect(
      readEventsKeys('department', { ...env, PARTNER_EVENTS_JWKS: JSON.stringify({ keys: [priv] }) }),
    ).rejects.toThrow('configuration: PARTNER_EVENTS_JWKS must hold public keys only');
    await expect(
      readEventsKeys('department', { ...env, PARTNER_EVENTS_JWKS: JSON.stringify({ keys: [{ ...pub, kid: 'x' }] }) }),
    ).rejects.toThrow('configuration: PARTNER_EVENTS_JWKS must hold EC P-256 keys whose kid is a partner');
    await expect(readEventsKeys('department', { ...env, EVENTS_SIGNING_KEY: '{not json' })).rejects.toThrow(
      'configuration: EVENTS_SIGNING_KEY is not valid JSON',
    );
  });

  it('delivers to <NAME>_URL, else the supergraph routing URL, at path /events', () => {
    const urls = partnerUrlsFromEnv({ ASSOCIATION_URL: 'http://association:4002/graphql' });
    expect(eventsUrlOf(urls.association)).toBe('http://association:4002/events');
    expect(eventsUrlOf(urls.department)).toBe('http://127.0.0.1:4001/events');
  });

  it('summarises a notification from its kind and the one date it names, nothing else', () => {
    expect(summaryOf('payment-order.ended', { endsOn: '2026-05-31', reason: 'secret' })).toBe(
      'Fin du paiement direct du loyer (31 mai 2026) / Direct rent payment ended (2026-05-31)',
    );
    expect(summaryOf('arrears.reached', { unpaidMonths: ['2026-01', '2026-02'] })).toBe(
      'Deux mois d’impayés de loyer (L271-5) / Two months of rent arrears (L271-5)',
    );
  });
});
