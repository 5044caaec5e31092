import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { LogFollower } from '../../../read-models/src/log-follower';
import { AuditChain } from './audit-chain';

const RETRY_MS = 1000;
/** Also wakes without a doorbell now and then, in case a subscription silently stalls. */
const IDLE_RECHECK_MS = 5000;
/**
 * The head hash goes to the log this often: logs shipped off the machine are a witness outside
 * both SQLite files, against which a wholesale rewrite of log and chain can be checked later.
 */
const HEAD_LOG_INTERVAL_MS = 60 * 60 * 1000;

/** Keeps the chain current: seals new events as they arrive, in every process that hosts the module. */
@Injectable()
export class ChainSealer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditChain');
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private headLoggedAt = 0;

  constructor(
    private readonly chain: AuditChain,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private logHeadNowAndThen(): void {
    if (Date.now() - this.headLoggedAt < HEAD_LOG_INTERVAL_MS) return;
    const head = this.chain.head();
    if (head === undefined) return;
    this.headLoggedAt = Date.now();
    this.logger.log(`audit chain head ${head.position.toString()}:${head.hash}`);
  }

  private async run(): Promise<void> {
    const follower = new LogFollower(this.store);
    const { signal } = this.abort;
    while (!signal.aborted) {
      try {
        await this.chain.sealPending();
        this.logHeadNowAndThen();
        const head = await this.store.headPosition();
        await follower.waitForEventsAfter(head, signal, IDLE_RECHECK_MS);
      } catch (error) {
        if (signal.aborted) return;
        this.logger.warn(`sealing paused: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }
}
