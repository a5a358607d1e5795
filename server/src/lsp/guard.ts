/**
 * The connection as the rest of the server sees it, with the protocol's
 * rules enforced in one place:
 *
 * - a text-document notification whose parameters are not what the protocol
 *   says (a `didOpen` without `text`, a `didChange` without changes) is logged
 *   and dropped before it reaches the document store, where it would throw in
 *   a callback nothing catches;
 * - after `shutdown`, every request but `exit` fails with InvalidRequest,
 *   notifications are dropped, and nothing more is published;
 * - a second `initialize` fails with InvalidRequest.
 *
 * The server registers its handlers on the guarded connection exactly as on
 * the real one; no handler needs to check any of this itself.
 */
import { z } from 'zod';
import { type Connection, ErrorCodes, ResponseError } from 'vscode-languageserver';

const position = z.object({ line: z.number().int().nonnegative(), character: z.number().int().nonnegative() });
const range = z.object({ start: position, end: position });
const docId = z.object({ uri: z.string() });

/** The parameters each text-document notification must have, as the protocol defines them. */
const NOTIFICATION_PARAMS: Record<string, z.ZodType> = {
  onDidOpenTextDocument: z.object({
    textDocument: z.object({ uri: z.string(), languageId: z.string(), version: z.number().int(), text: z.string() }),
  }),
  onDidChangeTextDocument: z.object({
    textDocument: z.object({ uri: z.string(), version: z.number().int() }),
    contentChanges: z.array(z.union([z.object({ range, text: z.string() }), z.object({ text: z.string() })])),
  }),
  onDidCloseTextDocument: z.object({ textDocument: docId }),
  onDidSaveTextDocument: z.object({ textDocument: docId }),
  onWillSaveTextDocument: z.object({ textDocument: docId, reason: z.number() }),
};

/** Registrations of notification handlers: after shutdown their messages are dropped. */
const NOTIFICATIONS = new Set([
  ...Object.keys(NOTIFICATION_PARAMS),
  'onInitialized',
  'onDidChangeConfiguration',
  'onDidChangeWatchedFiles',
  'onNotification',
]);

/** Registrations left as they are: the lifecycle itself, and what is not a handler. */
const UNGUARDED = new Set(['onShutdown', 'onExit', 'onProgress', 'onInitialize']);

export interface GuardedConnection {
  connection: Connection;
  /** True once the client has sent `shutdown`. */
  isShutDown(): boolean;
}

export function guardConnection(real: Connection, log: (message: string) => void): GuardedConnection {
  let shutDown = false;
  let initialized = false;
  const invalid = (what: string): ResponseError<void> => new ResponseError(ErrorCodes.InvalidRequest, what);

  let onShutdown: ((...a: unknown[]) => unknown) | undefined;
  real.onShutdown(async (token) => {
    shutDown = true;
    await onShutdown?.(token);
  });

  const wrap = (name: string, register: (...args: unknown[]) => unknown) =>
    (...args: unknown[]): unknown => {
      // onRequest(type, handler) and onNotification(type, handler) name the method first
      const at = args.findIndex((a) => typeof a === 'function');
      if (at < 0) return register(...args);
      const handler = args[at] as (...a: unknown[]) => unknown;
      const schema = NOTIFICATION_PARAMS[name];
      const isNotification = NOTIFICATIONS.has(name);
      const guarded = (...params: unknown[]): unknown => {
        if (shutDown) {
          if (isNotification) return undefined;
          throw invalid('the server is shutting down');
        }
        if (schema) {
          const ok = schema.safeParse(params[0]);
          if (!ok.success) {
            log(`planlint: ignored a ${name.replace(/^on/, '')} notification with invalid parameters: ${ok.error.issues[0]?.path.join('.') || '(params)'}: ${ok.error.issues[0]?.message ?? ''}`);
            return undefined;
          }
        }
        return handler(...params);
      };
      const next = [...args];
      next[at] = guarded;
      return register(...next);
    };

  const connection = new Proxy(real, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || typeof value !== 'function') return value;
      const fn = value.bind(target) as (...args: unknown[]) => unknown;
      if (prop === 'onInitialize') {
        return (handler: (...a: unknown[]) => unknown) =>
          fn((...params: unknown[]) => {
            if (initialized || shutDown) throw invalid('the server is already initialized');
            initialized = true;
            return handler(...params);
          });
      }
      if (prop === 'onShutdown') {
        return (handler: (...a: unknown[]) => unknown) => {
          onShutdown = handler;
        };
      }
      if (prop === 'sendDiagnostics' || prop === 'sendNotification') {
        return (...args: unknown[]) => (shutDown ? Promise.resolve() : fn(...args));
      }
      if (prop.startsWith('on') && !UNGUARDED.has(prop)) return wrap(prop, fn);
      return fn;
    },
  });
  return { connection, isShutDown: () => shutDown };
}
