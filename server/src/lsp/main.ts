// ascp-language-server: `--stdio` (default), `--node-ipc` or `--socket=PORT`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { AscpServer, describeError } from './server';

const connection = createConnection(ProposedFeatures.all);
// The server must never die: log what escaped a handler and keep serving.
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${describeError(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${describeError(e)}`));
new AscpServer(connection).listen();
