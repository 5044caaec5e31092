import { Module } from '@nestjs/common';
import { AuditModule } from '../../../libs/audit/src/audit.module';
import { PlatformModule } from '../../../libs/platform/src/platform.module';
import { ReadModelsModule } from '../../../libs/read-models/src/read-models.module';

/** Projectors and job processors, without the HTTP surface; in embedded mode the api hosts both. */
@Module({
  imports: [PlatformModule, AuditModule, ReadModelsModule],
})
export class WorkerModule {}
