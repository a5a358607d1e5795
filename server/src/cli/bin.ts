import * as fs from 'node:fs';
import { main } from './main.js';

let stdinBytes: Buffer | undefined;
main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => (stdinBytes ??= fs.readFileSync(0)),
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
