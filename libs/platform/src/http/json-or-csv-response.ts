import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';

/**
 * A read that answers JSON, or CSV for `format=csv` / `Accept: text/csv`. `ApiProduces` alone
 * puts nothing in an OpenAPI 3 document (it only annotates response content), so the 200 names
 * both media types itself and client generators see the CSV form.
 */
export const JsonOrCsvResponse = (description: string): MethodDecorator =>
  applyDecorators(
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { type: 'object' } },
        'text/csv': { schema: { type: 'string', description: 'UTF-8 with a byte-order mark, one header row' } },
      },
    }),
  );
