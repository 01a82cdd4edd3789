import { Writable } from 'node:stream';
import pino from 'pino';

/** A pino logger at `info` writing its JSON lines into `lines`. */
export function memoryPino() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, stream) };
}
