import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { personIndexProjection } from './person-index.projection';

/** The identity context's read models, registered in libs/read-models/src/registered-projections.ts. */
export const identityProjections: readonly ProjectionDefinition[] = [personIndexProjection];
export { personIndexProjection, PERSON_INDEX, FIELDS_RECORDED_AT, currentPersonIn } from './person-index.projection';
