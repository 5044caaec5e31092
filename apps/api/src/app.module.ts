import { Module } from '@nestjs/common';
import { PlatformModule } from '../../../libs/platform/src/platform.module';
import { ReadModelsModule } from '../../../libs/read-models/src/read-models.module';

@Module({
  imports: [PlatformModule, ReadModelsModule],
})
export class ApiModule {}
