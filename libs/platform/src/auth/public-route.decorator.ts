import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'public-route';
/** Marks the few routes that answer without a token (liveness and readiness). */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
