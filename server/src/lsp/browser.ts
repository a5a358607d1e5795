/**
 * The planlint language server in a web worker (VS Code for the Web: vscode.dev, github.dev). The same server as
 * bin.ts, over the worker's messages. A browser has no file system the server can read: documents come from the
 * editor, settings from workspace/configuration; planlint.config.json files and plans split across files, which the
 * server reads from disk, are not read here (see the README).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './server.js';

const worker = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
startServer(connection as unknown as Parameters<typeof startServer>[0]);
