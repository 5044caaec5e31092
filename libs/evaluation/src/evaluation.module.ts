import { Module } from '@nestjs/common';
import { CaseLifecycleModule } from '../../case-lifecycle/src/case-lifecycle.module';
import { CounterfactualCohortJob } from './application/counterfactual-cohort.job';
import { PseudonymisedExportJob } from './export/export.job-kind';
import { AnalyticsController } from './http/analytics.controller';
import { IomReportController } from './http/iom-report.controller';
import { MaracReportController } from './http/marac-report.controller';

/** Imports the case-lifecycle module for its PANEL_REGISTRY: named policies mean the one in force. */
@Module({
  imports: [CaseLifecycleModule],
  controllers: [AnalyticsController, MaracReportController, IomReportController],
  providers: [PseudonymisedExportJob, CounterfactualCohortJob],
})
export class EvaluationModule {}
