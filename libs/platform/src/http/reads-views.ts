import { applyDecorators, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ApiResponse } from '@nestjs/swagger';

const READS_VIEWS = 'reads-views';

/**
 * The read models a route reads, by projection name (none: it reads the log or nothing).
 * `X-Min-Position` waits on these alone, so another view failing, lagging or being rebuilt holds
 * the route up no longer; and `X-Read-Model-Version` names those answered by a previous version.
 * A GET route that declares nothing waits on every view.
 */
export function ReadsViews(...views: string[]): MethodDecorator & ClassDecorator {
  if (views.length === 0) return SetMetadata(READS_VIEWS, views);
  const waited = views.map((view) => `\`${view}\``).join(', ');
  return applyDecorators(
    SetMetadata(READS_VIEWS, views),
    ApiResponse({
      status: 503,
      description:
        `Retry after \`Retry-After\`; the body's \`rule\` says why. \`X-Min-Position\` waits on ${waited} only: ` +
        '`read-your-writes-timeout` when they do not get there in time; at once `read-model-rebuilding` when one is ' +
        "answered by a previous version frozen before that position during a version bump's background rebuild, " +
        '`read-model-failed` when one has failed and is not retried within the wait, or `read-model-other-log` while ' +
        'the read models were built from another event log (as without it). While a previous version answers, ' +
        'responses carry `X-Read-Model-Version: <view>=<version>; rebuilding=<version>`, and a read that what that ' +
        'version holds cannot answer is refused with `read-model-rebuilding` naming what it lacks.',
    }),
  );
}

/** The views the handled route declares with `ReadsViews`; undefined when it has no `ReadsViews` (every view). */
export function viewsReadBy(reflector: Reflector, context: ExecutionContext): readonly string[] | undefined {
  return reflector.getAllAndOverride<string[] | undefined>(READS_VIEWS, [context.getHandler(), context.getClass()]);
}
