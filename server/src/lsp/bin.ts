/**
 * planlint-language-server: the planlint language server for any LSP client.
 *   planlint-language-server --stdio        JSON-RPC over stdin/stdout
 *   planlint-language-server --node-ipc     node IPC (as the VS Code client starts it)
 *   planlint-language-server --socket=PORT  a TCP socket
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';
import { VERSION } from '../core/meta.js';

const argv = process.argv.slice(2);
if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
} else if (argv.includes('--help') || argv.includes('-h') || !argv.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) {
  process.stdout.write(
    `planlint-language-server ${VERSION}: the planlint language server (LSP)\n\nUsage: planlint-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n`,
  );
  process.exitCode = argv.includes('--help') || argv.includes('-h') ? 0 : 2;
} else {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection);
}
