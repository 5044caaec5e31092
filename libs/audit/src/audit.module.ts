import { Global, Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EVENT_STORE, type EventStore } from '../../event-store/src/port/event-store';
import { READ_AUDIT_RECORDER } from '../../platform/src/audit/read-audit';
import { REFUSED_READS } from '../../platform/src/audit/refused-reads';
import { ROLE_REFUSALS } from '../../platform/src/audit/role-refusals';
import { APP_CONFIG, type AppConfig } from '../../platform/src/config/app-config';
import { AuditChain } from './application/audit-chain';
import { ChainSealer } from './application/chain-sealer';
import { ChainStore } from './application/chain-store';
import { EventStoreReadAuditRecorder } from './application/event-store-read-audit-recorder';
import { SubjectAccessService } from './application/subject-access.service';
import { AuditTrailController } from './http/audit-trail.controller';
import { AuditVerifyController } from './http/audit-verify.controller';
import { AuditTrailQuery } from './projections/audit-trail.query';
import { AuditedReadInterceptor } from './http/audited-read.interceptor';
import { AuditVerification } from './jobs/audit-verification';
import { AuditVerifyJob } from './jobs/audit-verify.job';
import { SubjectAccessJob } from './jobs/subject-access.job';
import { RefusedReadsRecorded } from './refused/refused-reads-recorded';
import { RoleRefusedViews } from './refused/role-refused-views';

/**
 * The audit trail: records reads durably for every context that injects READ_AUDIT_RECORDER,
 * audits routes marked `@AuditedRead`, and seals the whole log into a hash chain. Verification and
 * subject access reports run as jobs too (`audit-verify`, `subject-access`), in the api or a worker.
 */
@Global()
@Module({
  controllers: [AuditVerifyController, AuditTrailController],
  providers: [
    EventStoreReadAuditRecorder,
    { provide: READ_AUDIT_RECORDER, useExisting: EventStoreReadAuditRecorder },
    { provide: APP_INTERCEPTOR, useClass: AuditedReadInterceptor },
    // The platform's guard refuses before any interceptor runs; it tells the audit trail through this port.
    { provide: ROLE_REFUSALS, useClass: RoleRefusedViews },
    // Other contexts' handlers (the jobs' file downloads) report the reads they refused through this port.
    { provide: REFUSED_READS, useClass: RefusedReadsRecorded },
    {
      provide: ChainStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ChainStore.inDataDir(config.dataDir),
    },
    {
      provide: AuditChain,
      inject: [EVENT_STORE, ChainStore],
      useFactory: (store: EventStore, chain: ChainStore) => new AuditChain(store, chain),
    },
    ChainSealer,
    AuditTrailQuery,
    SubjectAccessService,
    AuditVerification,
    AuditVerifyJob,
    SubjectAccessJob,
  ],
  exports: [READ_AUDIT_RECORDER, ROLE_REFUSALS, REFUSED_READS],
})
export class AuditModule implements OnModuleDestroy {
  constructor(
    private readonly chainStore: ChainStore,
    @Inject(ChainSealer) private readonly sealer: ChainSealer,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.sealer.onModuleDestroy();
    this.chainStore.close();
  }
}
