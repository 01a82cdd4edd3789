import { execFile } from 'node:child_process';
import path from 'node:path';

/**
 * The text of a PDF as a reader's tool extracts it (pdf-parse over pdf.js), in a child Node process: pdf.js loads its
 * worker with a dynamic import(), which jest's VM refuses. Whitespace runs (including non-breaking) become one space.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, 'pdf-text-cli.mjs')],
      { maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => (err ? reject(new Error(`pdf-text: ${stderr || err.message}`)) : resolve(stdout)),
    );
    child.stdin!.end(pdf);
  });
}

/** The same text with every whitespace run (line breaks, non-breaking spaces) as one plain space. */
export async function pdfWords(pdf: Buffer): Promise<string> {
  return (await pdfText(pdf)).replace(/\s+/gu, ' ').trim();
}
