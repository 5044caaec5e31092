import { Module } from '@nestjs/common';
import { CounterfactualCohortJob } from './application/counterfactual-cohort.job';
import { PseudonymisedExportJob } from './export/export.job-kind';
import { AnalyticsController } from './http/analytics.controller';
import { IomReportController } from './http/iom-report.controller';
import { MaracReportController } from './http/marac-report.controller';

@Module({
  controllers: [AnalyticsController, MaracReportController, IomReportController],
  providers: [PseudonymisedExportJob, CounterfactualCohortJob],
})
export class EvaluationModule {}
