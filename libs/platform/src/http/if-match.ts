import { BadRequestException } from '@nestjs/common';

/** `If-Match: <revision>` (quotes and a weak prefix tolerated, as ETags come back from clients that way). */
export function parseIfMatch(header: string | string[] | undefined): bigint | undefined {
  if (header === undefined) return undefined;
  const raw = (Array.isArray(header) ? header[0] : header)
    ?.trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  if (raw === undefined || !/^-?\d{1,18}$/.test(raw)) {
    throw new BadRequestException({
      message: 'If-Match must be a stream revision (an integer)',
      errors: [{ field: 'If-Match', rule: 'revision', message: 'If-Match must be a stream revision (an integer)' }],
    });
  }
  return BigInt(raw);
}
