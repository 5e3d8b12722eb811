import { WebSocket } from 'undici';
import { PartnerError } from '../../domain/ports/partner';
import { urlProblem } from './partner-addresses';
import { OPEN, type PartnerHttp } from './partner-http';

/** The longest message of a partner's event socket Ponte reads; ARI's events are a few KiB. */
export const SOCKET_MESSAGE_LIMIT = 256 * 1024;

/**
 * A WebSocket to a partner over the partners' own connection pool (undici's `WebSocket` with the
 * partner agent as its dispatcher: the same address guard, connect timeout and no redirects as
 * every partner call — docs/security.md). Resolves once open; `onMessage` gets each text message
 * parsed as JSON (others, and those over SOCKET_MESSAGE_LIMIT, are dropped).
 */
export function openPartnerSocket(
  http: PartnerHttp,
  url: string,
  headers: Record<string, string>,
  onMessage: (message: unknown) => void,
): Promise<{ readonly closed: Promise<string>; close(reason?: string): void }> {
  if (urlProblem(http.addresses ?? OPEN, url.replace(/^ws/, 'http')))
    return Promise.reject(
      new PartnerError('auth', "The PBX's address leads where partner calls cannot go (internal, or not https)."),
    );
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { dispatcher: http.agent, headers });
    let opened = false;
    let closedBy: string | null = null;
    const timer = setTimeout(() => {
      closedBy = `no answer to the connection in ${http.timeouts.connectMs} ms`;
      socket.close();
    }, http.timeouts.connectMs + http.timeouts.responseMs).unref();
    const closed = new Promise<string>((settle) => {
      socket.addEventListener('close', (event) => {
        clearTimeout(timer);
        const why = closedBy ?? `closed by the PBX (${event.code}${event.reason ? `: ${event.reason}` : ''})`;
        if (!opened) reject(new PartnerError('retryable', `The event connection could not open: ${why}.`));
        settle(why);
      });
    });
    socket.addEventListener('error', () => {
      if (!opened) closedBy ??= 'the handshake failed (refused, or not a WebSocket)';
    });
    socket.addEventListener('open', () => {
      opened = true;
      clearTimeout(timer);
      resolve({
        closed,
        close(reason) {
          closedBy ??= reason ?? 'closed by Ponte';
          socket.close(1000);
        },
      });
    });
    socket.addEventListener('message', (event) => {
      const data: unknown = event.data;
      if (typeof data !== 'string' || data.length > SOCKET_MESSAGE_LIMIT) return;
      let message: unknown;
      try {
        message = JSON.parse(data);
      } catch {
        return;
      }
      onMessage(message);
    });
  });
}
