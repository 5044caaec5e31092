/** IOM whereabouts: the nominal cannot be located, or is located again (rules/iom-whereabouts.ts). */
import type { PanelRegistry } from '../panel-registry';
import { optionalText, requireInstant, requireOneOf } from '../input-checks';
import { IOM_WHEREABOUTS } from '../vocabulary/iom';
import { requireWhereaboutsChange } from '../rules/iom-whereabouts';
import type { CaseState } from '../case-state';
import type { CaseEvent } from '../events/case-events';
import type { RecordIomWhereabouts } from '../commands/case-commands';
import { openCase, rulesOfKind } from './case-guards';

export function recordIomWhereabouts(
  registry: PanelRegistry,
  command: RecordIomWhereabouts,
  state: CaseState,
): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  rulesOfKind(registry, record, 'iom');
  if (record.panel.kind !== 'iom') return [];
  const whereabouts = requireOneOf(IOM_WHEREABOUTS, data.whereabouts, 'whereabouts');
  const occurredAt = requireInstant(data.occurredAt, 'occurredAt');
  const { unlocatedSince, whereaboutsRecordedOn } = record.panel;
  requireWhereaboutsChange(
    {
      caseId: record.caseId,
      referredAt: record.referredAt,
      ...(unlocatedSince === undefined ? {} : { unlocatedSince }),
      ...(whereaboutsRecordedOn === undefined ? {} : { whereaboutsRecordedOn }),
    },
    whereabouts,
    occurredAt,
  );
  const note = optionalText(data.note);
  const fact = { occurredAt, ...(note === undefined ? {} : { note }) };
  return [{ type: whereabouts === 'unlocated' ? 'iom-unlocated-recorded' : 'iom-located-recorded', data: fact }];
}
