import { Module } from '@nestjs/common';
import { CaseLifecycleModule } from '../../../libs/case-lifecycle/src/case-lifecycle.module';
import { PlatformModule } from '../../../libs/platform/src/platform.module';

@Module({
  imports: [PlatformModule, CaseLifecycleModule],
})
export class ApiModule {}
