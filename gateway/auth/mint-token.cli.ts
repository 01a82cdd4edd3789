import { envOptional, PROJECT_ROOT } from '../../subgraphs/kit/runtime/env';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateDevKeys } from './dev-keys';
import { mintDevToken } from './mint-token';

const ROOT = PROJECT_ROOT;

const HELP = `npm run token -- --org-kind <DEPARTEMENT|ASSOCIATION|BAILLEUR|MANDATAIRE> --org-id <uuid> --role <ROLE> [options]
  --role may be repeated.  Options:
  --sub <id>               the agent (default: dev-<role>)
  --territory <code>       département staff only
  --expires-in <seconds>   lifetime (default 28800; negative: already expired)
  --not-before <seconds>   not valid before now + seconds
Prints one signed JWT (development key in .data/dev-keys, the one \`npm start\` trusts) on its last line.
Claims are not checked here, so that every token the gateway must refuse can be minted.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'org-kind': { type: 'string' },
      'org-id': { type: 'string' },
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      territory: { type: 'string' },
      'expires-in': { type: 'string' },
      'not-before': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values['org-kind'] || !values['org-id'] || !values.role?.length) {
    console.log(HELP);
    process.exit(values.help ? 0 : 2);
  }
  const num = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v)) throw new Error(`--${name} must be a whole number of seconds`);
    return Number(v);
  };
  const keys = await loadOrCreateDevKeys(envOptional('DEV_KEYS_DIR') ?? join(ROOT, '.data', 'dev-keys'));
  const token = await mintDevToken(
    keys,
    {
      sub: values.sub ?? `dev-${values.role[0].toLowerCase()}`,
      org_kind: values['org-kind'],
      org_id: values['org-id'],
      roles: values.role,
      ...(values.territory ? { territory: values.territory } : {}),
    },
    { expiresIn: num('expires-in', values['expires-in']), notBefore: num('not-before', values['not-before']) },
  );
  console.log(token);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
