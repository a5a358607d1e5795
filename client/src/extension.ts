/**
 * The desktop entry of the extension: the language server runs as a Node process (dist/server.cjs) over node IPC.
 * Everything else is shared with the web entry (activate.ts).
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith, deactivate, type PlanlintApi } from './activate.js';

export function activate(context: vscode.ExtensionContext): Promise<PlanlintApi> {
  return activateWith(context, (ctx, options) => {
    const module = ctx.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    return new LanguageClient('planlint', 'planlint', serverOptions, options);
  });
}

export { deactivate };
export type { PlanlintApi };
