// Reads a PDF on stdin and prints its text (pdf-parse, i.e. Mozilla's pdf.js). A separate Node process: pdf.js loads
// its worker with a dynamic import(), which jest's VM refuses.
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
try {
  const { text } = await parser.getText();
  process.stdout.write(text);
} finally {
  await parser.destroy();
}
