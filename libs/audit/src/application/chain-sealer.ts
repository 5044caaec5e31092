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
  /** Events recorded before this are sealed but noted: they reached the log while no service sealed. */
  private readonly startedAt = new Date();

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
    // What this service appended last is sealed by it, not noted as found by the next start.
    await this.seal().catch((error: unknown) => this.logger.warn(`final sealing failed: ${String(error)}`));
  }

  private async seal(): Promise<void> {
    const { sealedAtStart } = await this.chain.sealPending(this.startedAt);
    if (sealedAtStart.length === 0) return;
    this.logger.warn(
      `sealed ${sealedAtStart.length} event(s) recorded before this service started, at positions ` +
        `${sealedAtStart.slice(0, 20).join(', ')}${sealedAtStart.length > 20 ? ', …' : ''}: appended while no ` +
        'service sealed (or left unsealed at the last stop); listed under sealedAtStart by audit verification',
    );
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
        await this.seal();
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
