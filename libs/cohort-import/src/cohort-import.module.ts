import { Module } from '@nestjs/common';
import { IomImportJob } from './application/iom-import.job';

/** The monthly IOM core-cohort import, as the `iom-import` job kind. */
@Module({ providers: [IomImportJob] })
export class CohortImportModule {}
