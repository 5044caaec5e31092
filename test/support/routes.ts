import type { NestExpressApplication } from '@nestjs/platform-express';

export interface RegisteredRoute {
  readonly method: string;
  readonly path: string;
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route Express has registered, read from the router itself so no route can be forgotten. */
export function registeredRoutes(app: NestExpressApplication): RegisteredRoute[] {
  const instance = app.getHttpAdapter().getInstance() as {
    router?: { stack: RouterLayer[] };
    _router?: { stack: RouterLayer[] };
  };
  const stack = instance.router?.stack ?? instance._router?.stack ?? [];
  return stack.flatMap((layer) =>
    layer.route === undefined
      ? []
      : Object.keys(layer.route.methods)
          .filter((m) => m !== '_all')
          .map((method) => ({ method: method.toUpperCase(), path: layer.route?.path ?? '' })),
  );
}

/** A concrete URL for a route pattern, with every parameter filled by a syntactically plausible id. */
export const concretePath = (path: string): string =>
  path.replace(/:(\w+)/g, (_, name: string) => `00000000-0000-4000-8000-00000000000${name.length % 10}`);
