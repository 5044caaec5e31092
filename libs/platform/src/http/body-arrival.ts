import type { IncomingMessage } from 'node:http';

/** How a body still arriving turned out: it ended with no byte in it, a byte came, or it was cut off. */
export type BodyArrival = 'ended-empty' | 'content' | 'cut-off';

/**
 * Waits on a body no parser is reading until its first byte or its end, whichever comes first.
 * It stops at the first byte, so nothing is held however large the body; the bytes that follow
 * flow on unread. A client that never ends its body is cut off by the server's request timeout
 * (HTTP_REQUEST_TIMEOUT_MS, applied by boundRequestArrival), which closes the request.
 */
export function firstByteOrEnd(request: IncomingMessage): Promise<BodyArrival> {
  if (request.destroyed) return Promise.resolve('cut-off');
  return new Promise((resolve) => {
    const settle = (arrival: BodyArrival): void => {
      request.off('data', onData).off('end', onEnd).off('close', onCutOff).off('error', onCutOff);
      resolve(arrival);
    };
    const onData = (chunk: Buffer): void => {
      if (chunk.length > 0) settle('content');
    };
    const onEnd = (): void => settle('ended-empty');
    const onCutOff = (): void => settle('cut-off');
    request.on('data', onData).once('end', onEnd).once('close', onCutOff).once('error', onCutOff);
  });
}
