/**
 * The web entry of the extension (VS Code for the Web): the language server runs in a web worker
 * (dist/web/server.js). Everything else is shared with the desktop entry (activate.ts).
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith, deactivate, type PlanlintApi } from './activate.js';

// The web extension host hands extensions its own Worker (nested workers), by this name; the Node typings lack it.
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[2] & object;

export function activate(context: vscode.ExtensionContext): Promise<PlanlintApi> {
  return activateWith(context, (ctx, options) => {
    const main = vscode.Uri.joinPath(ctx.extensionUri, 'dist/web/server.js');
    // documents of any scheme: the web editor's are virtual (vscode-vfs on github.dev, another on each host)
    return new LanguageClient('planlint', 'planlint', new Worker(main.toString(true)), { ...options, documentSelector: [{ language: 'markdown' }] });
  });
}

export { deactivate };
export type { PlanlintApi };
