import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI at /docs (UI) and /docs-json; the document is the API's contract for client teams. */
export function mountOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Case coordination API')
      .setDescription(
        'Event-sourced case coordination for multi-agency community-safety panels (IOM, MARAC, Operation Alliance). ' +
          'Every /v1 route needs a bearer JWT. Commands answer with the global `position` (also `X-Position`); send it back ' +
          'as `X-Min-Position` on a query to read your own writes: it waits only on the read models that route reads. ' +
          'During a version bump a read answered by the previous, frozen version of a read model says so in ' +
          '`X-Read-Model-Version: <name>=<version>; rebuilding=<version>`. `If-Match: <revision>` pins the expected stream revision (412 on mismatch). ' +
          '`Idempotency-Key` on POST replays the first response.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
