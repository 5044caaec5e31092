import { Global, Module } from '@nestjs/common';

/**
 * Whether this process has been asked to stop. Readiness reads it so a load balancer stops
 * sending work before the listener closes; the HTTP drain sets it.
 */
export class ShutdownState {
  private startedAt: number | undefined;

  begin(): void {
    this.startedAt ??= Date.now();
  }

  get shuttingDown(): boolean {
    return this.startedAt !== undefined;
  }
}

/** Global so the platform's health controller finds it in the API; the worker has no HTTP to drain. */
@Global()
@Module({ providers: [ShutdownState], exports: [ShutdownState] })
export class ShutdownStateModule {}
