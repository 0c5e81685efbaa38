// The WebSocket client the notification channels use: ws 8 (in the project's dependency tree through the Salesforce
// CLI and jsdom; package-lock.json pins node_modules/ws 8.23.0). It ships no type declarations and @types/ws is not
// installed, so this file declares the part it uses and nothing else touches ws.
import type { IncomingMessage } from 'node:http';

export interface WebSocketLike {
    readonly readyState: number;
    send(data: string): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
    on(event: 'open', listener: () => void): this;
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
    on(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'unexpected-response', listener: (request: unknown, response: IncomingMessage) => void): this;
    removeAllListeners(): this;
}

interface WebSocketOptions {
    handshakeTimeout: number;
    headers: Record<string, string>;
    maxPayload: number;
}

type WebSocketClass = new (url: string, options: WebSocketOptions) => WebSocketLike;

let loaded: WebSocketClass | undefined;

function webSocketClass(): WebSocketClass {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- ws has no type declarations in this project
    loaded ??= (require('ws') as { WebSocket: WebSocketClass }).WebSocket;
    return loaded;
}

export class WebSocketOpenError extends Error {}

/**
 * Opens a WebSocket and resolves once it is open. Rejects on a refused upgrade (for example 404: the channel is gone),
 * a network error or the handshake timeout; the socket is then already closed.
 */
export function openWebSocket(url: string, options: { timeoutMs: number; userAgent: string }): Promise<WebSocketLike> {
    const WebSocket = webSocketClass();
    return new Promise((resolve, reject) => {
        const ws = new WebSocket(url, {
            handshakeTimeout: options.timeoutMs,
            headers: { 'User-Agent': options.userAgent },
            // Genesys notifications are a few kilobytes; a conversation with many participants stays well below this.
            maxPayload: 16 * 1024 * 1024
        });
        const fail = (error: Error): void => {
            ws.removeAllListeners();
            ws.on('error', () => undefined);
            ws.terminate();
            reject(error);
        };
        ws.on('open', () => {
            ws.removeAllListeners();
            resolve(ws);
        });
        ws.on('error', (error) => fail(new WebSocketOpenError(`WebSocket ${redact(url)}: ${error.message}`)));
        ws.on('unexpected-response', (_request, response) => {
            response.resume();
            fail(new WebSocketOpenError(`WebSocket ${redact(url)}: the upgrade was answered ${response.statusCode}`));
        });
    });
}

/** A channel's URI names the channel; logs keep its host and a hint of the id only. */
function redact(url: string): string {
    return url.replace(/(\/channels\/[^/]{0,14})[^/]*$/, '$1…');
}

export const WS_OPEN = 1;
