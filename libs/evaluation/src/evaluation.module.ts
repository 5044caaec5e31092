import { Module } from '@nestjs/common';
import { AnalyticsController } from './http/analytics.controller';

@Module({ controllers: [AnalyticsController] })
export class EvaluationModule {}
