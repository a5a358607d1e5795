import * as fs from 'node:fs';
import { main } from './main.js';

// a reader that stops early (`planlint . | head`) closes the pipe: the rest of the report is
// dropped, but the run goes on (a --fix under way still finishes every file) and exits as it would
let stdoutClosed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') stdoutClosed = true;
  else throw e;
});

let stdinBytes: Buffer | undefined;
main(process.argv.slice(2), {
  stdout: (s) => {
    if (!stdoutClosed) process.stdout.write(s);
  },
  stderr: (s) => process.stderr.write(s),
  readStdin: () => (stdinBytes ??= fs.readFileSync(0)),
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
