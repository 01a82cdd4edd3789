import { readFileSync } from 'node:fs';
import { generateGatewayJwk, parseGatewayKeys } from './gateway-keys';

/**
 * `npm run keys:gateway [-- current.json]`: prints a JWKS for GATEWAY_SIGNING_KEYS with a new ES256 key; given the
 * current JWKS, the new key is appended (published, not yet signing: the first step of a rotation, README).
 */
function main(): void {
  const current = process.argv[2];
  const keys: unknown[] = [];
  if (current) {
    parseGatewayKeys(current); // refuses a malformed file before anything is printed
    keys.push(...(JSON.parse(readFileSync(current, 'utf8')) as { keys: unknown[] }).keys);
  }
  const kid = `gw-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
  keys.push(generateGatewayJwk(kid));
  process.stdout.write(`${JSON.stringify({ keys }, null, 2)}\n`);
}

main();
