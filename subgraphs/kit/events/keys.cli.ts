import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_PARTNERS, loadOrCreateDevEventsKeys } from './keys';

/**
 * `npm run -s keys:events [-- <dir>]`: one events key pair per partner (ES256, kid = its name).
 * - Without a folder, prints the lines of a .env file (docker-compose.yml): `<NAME>_EVENTS_SIGNING_KEY='{…}'` (each
 *   partner's private JWK, for its EVENTS_SIGNING_KEY) and `PARTNER_EVENTS_JWKS='{"keys":[…]}'` (the public halves).
 * - With a folder, writes `events-<partner>.json` (private, mode 0600) and `partner-events.jwks.json` there
 *   (kubernetes.yaml: the Secret masp-hub-events from the first, the ConfigMap's PARTNER_EVENTS_JWKS from the second);
 *   keys already in the folder are kept.
 */
async function main(): Promise<void> {
  const dir = process.argv[2];
  const into = dir ?? mkdtempSync(join(tmpdir(), 'masp-events-keys-'));
  try {
    const { jwks } = await loadOrCreateDevEventsKeys(into);
    if (dir) {
      writeFileSync(join(dir, 'partner-events.jwks.json'), `${JSON.stringify(jwks, null, 2)}\n`);
      process.stdout.write(
        `${dir}: ${EVENT_PARTNERS.map((p) => `events-${p}.json`).join(', ')} (private), partner-events.jwks.json\n`,
      );
      return;
    }
    const lines = EVENT_PARTNERS.map((partner) => {
      const jwk = JSON.parse(readFileSync(join(into, `events-${partner}.json`), 'utf8')) as unknown;
      return `${partner.toUpperCase()}_EVENTS_SIGNING_KEY='${JSON.stringify(jwk)}'`;
    });
    process.stdout.write(`${[...lines, `PARTNER_EVENTS_JWKS='${JSON.stringify(jwks)}'`].join('\n')}\n`);
  } finally {
    if (!dir) rmSync(into, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`keys:events: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
