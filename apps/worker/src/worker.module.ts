import { Module } from '@nestjs/common';
import { AuditModule } from '../../../libs/audit/src/audit.module';
import { CohortImportModule } from '../../../libs/cohort-import/src/cohort-import.module';
import { EvaluationModule } from '../../../libs/evaluation/src/evaluation.module';
import { JobsModule } from '../../../libs/jobs/src/jobs.module';
import { PlatformModule } from '../../../libs/platform/src/platform.module';
import { ReadModelsModule } from '../../../libs/read-models/src/read-models.module';

/** Projectors and job processors, without the HTTP surface; in embedded mode the api hosts both. */
@Module({
  imports: [
    PlatformModule,
    AuditModule,
    ReadModelsModule,
    EvaluationModule,
    CohortImportModule,
    JobsModule.forWorker(),
  ],
})
export class WorkerModule {}
