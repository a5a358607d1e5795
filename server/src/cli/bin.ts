import * as fs from 'node:fs';
import { main } from './main.js';

let stdinText: string | undefined;
main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => (stdinText ??= fs.readFileSync(0, 'utf8')),
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
