import { Module } from '@nestjs/common';
import { AuditModule } from '../../../libs/audit/src/audit.module';
import { CaseLifecycleModule } from '../../../libs/case-lifecycle/src/case-lifecycle.module';
import { CohortImportModule } from '../../../libs/cohort-import/src/cohort-import.module';
import { EvaluationModule } from '../../../libs/evaluation/src/evaluation.module';
import { IdentityModule } from '../../../libs/identity/src/identity.module';
import { InformationSharingModule } from '../../../libs/information-sharing/src/information-sharing.module';
import { JobsModule } from '../../../libs/jobs/src/jobs.module';
import { ShutdownStateModule } from '../../../libs/platform/src/health/shutdown-state';
import { PlatformModule } from '../../../libs/platform/src/platform.module';
import { ReadModelsModule } from '../../../libs/read-models/src/read-models.module';

@Module({
  imports: [
    PlatformModule,
    ShutdownStateModule,
    AuditModule,
    ReadModelsModule,
    CaseLifecycleModule,
    IdentityModule,
    EvaluationModule,
    JobsModule.forApi(),
    CohortImportModule,
    InformationSharingModule,
  ],
})
export class ApiModule {}
