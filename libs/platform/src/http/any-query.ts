import { SetMetadata } from '@nestjs/common';

export const ANY_QUERY = 'platform:any-query';

/**
 * A route whose caller is a machine that cannot be told to drop a query string: a load balancer,
 * an orchestrator's probe or an uptime monitor with its own marker or cache-buster. The route reads
 * no parameter, so accepting any changes no answer, while refusing one takes the service out of
 * rotation.
 */
export const AnyQuery = (): ClassDecorator & MethodDecorator => SetMetadata(ANY_QUERY, true);
