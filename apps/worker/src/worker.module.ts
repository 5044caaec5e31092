import { Module } from '@nestjs/common';
import { PlatformModule } from '../../../libs/platform/src/platform.module';

/** Projectors and job processors, without the HTTP surface; in embedded mode the api hosts both. */
@Module({
  imports: [PlatformModule],
})
export class WorkerModule {}
