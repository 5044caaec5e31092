import type { ProjectionDefinition } from './projection-definition';
import { auditProjections } from '../../audit/src/projections/audit-trail.projection';
import { caseLifecycleProjections } from '../../case-lifecycle/src/projections';
import { identityProjections } from '../../identity/src/projections';
import { informationSharingProjections } from '../../information-sharing/src/projections/disclosures.projection';
import { projectionRegistry } from './projection-registry';

/**
 * THE list of read models this application keeps. The API, the worker and
 * `npm run projections:rebuild` all take their projections from here and nowhere else.
 *
 * To add a context's read models, export a `readonly ProjectionDefinition[]` from that context
 * (outside its `domain/` folder) and pass it as one more argument:
 *
 *   export const registeredProjections = projectionRegistry(caseLifecycleProjections, identityProjections);
 */
export const registeredProjections: readonly ProjectionDefinition[] = projectionRegistry(
  caseLifecycleProjections,
  identityProjections,
  auditProjections,
  informationSharingProjections,
);
