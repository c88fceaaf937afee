/**
 * Loaded with --import into a child process under test: any TCP connection it
 * tries is reported on stderr ("network: host:port") and refused, so a test can
 * show that the child stayed offline. Local pipes (tsx's own IPC) still work.
 */
import net from 'node:net';

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  // (port, host), (options) or, from net.connect and http's agents, ([options, callback]).
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = (typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }) as {
    port?: unknown;
    host?: unknown;
    path?: unknown;
  };
  if (options.port !== undefined && options.port !== null) {
    process.stderr.write(`network: ${String(options.host ?? 'localhost')}:${String(options.port)}\n`);
    throw new Error('This process may not use the network.');
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
