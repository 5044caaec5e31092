import { STATUS_CODES, maxHeaderSize as defaultMaxHeaderSize, type Server } from 'node:http';
import { fieldProblem, type Problem } from './problem';

/** Node's own bound on one chunk's extensions (llhttp's kMaxChunkExtensionsSize). */
const CHUNK_EXTENSIONS_LIMIT = '16 KiB';

/** The part of the request each of the parser's syntax errors is about; the rest are the request's. */
const SYNTAX_FIELD: Record<string, string> = {
  HPE_INVALID_METHOD: 'method',
  HPE_INVALID_URL: 'path',
  HPE_INVALID_VERSION: 'version',
  HPE_INVALID_HEADER_TOKEN: 'headers',
  HPE_INVALID_CONTENT_LENGTH: 'Content-Length',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'Content-Length',
  HPE_INVALID_TRANSFER_ENCODING: 'Transfer-Encoding',
};

type ParserError = Error & { code?: unknown; reason?: unknown };

const refusal = (statusCode: number, field: string, rule: string, message: string): Problem =>
  fieldProblem(statusCode, STATUS_CODES[statusCode] ?? 'Bad Request', field, rule, message);

function timedOut(server: Server, bodyArriving: boolean): Problem {
  return bodyArriving
    ? refusal(
        408,
        'body',
        'timeout',
        `the request did not arrive in full within ${server.requestTimeout} ms of its first byte`,
      )
    : refusal(408, 'headers', 'timeout', `the request headers did not arrive within ${server.headersTimeout} ms`);
}

/**
 * What Node's parser refused, as the problem every other 4xx is: the part of the request at
 * fault, the rule, and the limit when a limit was passed. `bodyArriving` says the headers had
 * been read, so a timeout was the body's. Node's own words (`reason`) stay in the message.
 */
export function parserProblem(error: ParserError, server: Server, bodyArriving: boolean): Problem {
  const code = String(error.code);
  const said = typeof error.reason === 'string' ? error.reason : error.message;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return timedOut(server, bodyArriving);
  if (code === 'HPE_HEADER_OVERFLOW') {
    const limit = (server as Server & { maxHeaderSize?: number }).maxHeaderSize ?? defaultMaxHeaderSize;
    return refusal(431, 'headers', 'max-size', `the request line and headers are larger than ${limit} bytes`);
  }
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW')
    return refusal(413, 'body', 'chunked-encoding', `a chunk's extensions are larger than ${CHUNK_EXTENSIONS_LIMIT}`);
  if (code === 'HPE_INVALID_CHUNK_SIZE' || /chunk/i.test(said))
    return refusal(400, 'body', 'chunked-encoding', `the chunked request body is malformed: ${said}`);
  if (code === 'HPE_INVALID_EOF_STATE' && bodyArriving)
    return refusal(400, 'body', 'body-complete', 'the request body was cut off before it ended');
  return refusal(400, SYNTAX_FIELD[code] ?? 'request', 'http-syntax', `the request is not valid HTTP/1.1: ${said}`);
}

/** The bytes of a last answer on a connection the parser gave up on: nothing more can be read from it. */
export function closingAnswer(problem: Problem): string {
  const body = JSON.stringify(problem);
  return [
    `HTTP/1.1 ${problem.statusCode} ${problem.error}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
