import { Module } from '@nestjs/common';
import { CaseLifecycleModule } from '../../case-lifecycle/src/case-lifecycle.module';
import { IomImportJob } from './application/iom-import.job';

/**
 * The monthly IOM core-cohort import, as the `iom-import` job kind. It imports the case-lifecycle
 * module so that the worker app, which runs jobs when REDIS_URL is set, matches people with the
 * same resolver as referrals do.
 */
@Module({ imports: [CaseLifecycleModule], providers: [IomImportJob] })
export class CohortImportModule {}
