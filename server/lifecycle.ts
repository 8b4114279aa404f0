import { ErrorCodes, Message, MessageStrategy, RequestMessage, ResponseError } from 'vscode-languageserver';

/** What a message handler returns (vscode-jsonrpc counts a message in flight until its promise settles). */
type Handled = void | Promise<void>;

/**
 * The method a request the lifecycle turns away is dispatched under: its handler (see
 * `rejectedRequestHandler`) answers with the error code and message carried in its params.
 */
export const REJECTED_REQUEST_METHOD = '$/kubeTlsLint/rejectedRequest';

interface Rejection {
  code: number;
  message: string;
}

type State = 'waiting for initialize' | 'running' | 'shut down';

/**
 * The LSP lifecycle rules vscode-languageserver leaves to the server (it already exits with
 * code 0 after `shutdown` and 1 otherwise): before `initialize`, requests fail with
 * ServerNotInitialized and notifications other than `exit` are dropped; a second `initialize`
 * fails with InvalidRequest; after `shutdown`, requests fail with InvalidRequest and
 * notifications other than `exit` are dropped. Answers from the client always pass.
 */
export class LifecycleStrategy implements MessageStrategy {
  private state: State = 'waiting for initialize';

  handleMessage(message: Message, next: (message: Message) => Handled): Handled {
    if (Message.isRequest(message)) return next(this.request(message));
    if (Message.isNotification(message) && message.method !== 'exit' && this.state !== 'running') return;
    return next(message);
  }

  private request(message: RequestMessage): RequestMessage {
    const reject = (code: number, why: string): RequestMessage => ({
      jsonrpc: message.jsonrpc,
      id: message.id,
      method: REJECTED_REQUEST_METHOD,
      params: { code, message: `${message.method}: ${why}` } satisfies Rejection,
    });
    switch (this.state) {
      case 'waiting for initialize':
        if (message.method !== 'initialize') return reject(ErrorCodes.ServerNotInitialized, 'the server has not been initialized yet (send initialize first).');
        this.state = 'running';
        return message;
      case 'running':
        if (message.method === 'initialize') return reject(ErrorCodes.InvalidRequest, 'the server is already initialized (initialize may be sent only once).');
        if (message.method === 'shutdown') this.state = 'shut down';
        return message;
      case 'shut down':
        return reject(ErrorCodes.InvalidRequest, 'the server is shut down (only exit may follow shutdown).');
    }
  }
}

/** Answers a turned-away request with its error (registered under REJECTED_REQUEST_METHOD). */
export function rejectedRequestHandler(params: unknown): ResponseError<void> {
  const rejection = params as Partial<Rejection> | undefined;
  return new ResponseError(rejection?.code ?? ErrorCodes.InvalidRequest, rejection?.message ?? 'request rejected');
}
