import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import { checkIncoming, type ToolSchemas } from './request-guard.js';

/**
 * Wraps a transport so that every incoming message passes checkIncoming first: a malformed request
 * is answered here, in infrakit's own words, and never reaches the SDK. Everything else is passed
 * through unchanged. A failure while answering is reported through onerror, never thrown.
 */
export class GuardedTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

  constructor(
    private readonly inner: Transport,
    private readonly tools: ToolSchemas,
    private readonly log: (line: string) => void,
  ) {
    inner.onclose = () => this.onclose?.();
    inner.onerror = (error) => this.onerror?.(error);
    inner.onmessage = (message, extra) => this.receive(message, extra);
  }

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private receive(message: JSONRPCMessage, extra?: MessageExtraInfo): void {
    let answer;
    try {
      answer = checkIncoming(message, this.tools);
    } catch (error) {
      this.log(`could not check an incoming message: ${String(error)}`);
      answer = undefined;
    }
    if (answer === undefined) {
      this.onmessage?.(message, extra);
      return;
    }
    if (answer === null) return;
    const error = (answer as { error?: { message?: string } }).error;
    if (error) this.log(`refused a malformed request: ${error.message ?? ''}`);
    this.inner.send(answer).catch((failure: unknown) => this.onerror?.(failure as Error));
  }
}
