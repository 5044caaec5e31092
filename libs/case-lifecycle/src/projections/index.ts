import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { cohortProjection } from './cohort.projection';

/** The case-lifecycle context's read models, registered in read-models/registered-projections. */
export const caseLifecycleProjections: readonly ProjectionDefinition[] = [cohortProjection];
