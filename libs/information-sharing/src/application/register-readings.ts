import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../platform/src/auth/principal';
import { mayWorkOnPanel } from '../../../case-lifecycle/src/application/panel-access';
import { mayKnowOfEntry } from '../domain';
import {
  disclosureItem,
  DisclosureRegister,
  type DisclosureRow,
  type RegisterFilter,
  type RegisterPage,
  type RegisterScope,
} from './disclosure-register';

/** Auditors and admins read the whole register; case workers what `mayKnowOfEntry` lets them. */
const seesWholeRegister = (p: Principal): boolean => p.roles.includes('auditor') || p.roles.includes('admin');

const scopeOf = (reader: Principal): RegisterScope => ({
  readerId: reader.id,
  agency: reader.agency,
  panels: reader.panels.filter((panel) => mayWorkOnPanel(reader, panel)),
});

/** Whether the reader works on the entry's panel: what the SQL scope reads as "sees the subject". */
const onEntryPanel = (row: DisclosureRow, reader: Principal): boolean =>
  row.panel !== null && mayWorkOnPanel(reader, row.panel);

/** Its panel's members, its recorder (who named it), auditors and admins; not a recipient agency on no panel. */
const showsPanel = (row: DisclosureRow, reader: Principal): boolean =>
  seesWholeRegister(reader) || row.recorded_by === reader.id || onEntryPanel(row, reader);

/**
 * The register as one reader may see it. A case worker's visibility is a SQL condition on each
 * entry's panel (kept by the projection), so offsets, `next` and empty pages count only entries
 * they may know of, and a page costs a bounded read however much of the register is hidden.
 */
@Injectable()
export class RegisterReadings {
  constructor(private readonly register: DisclosureRegister) {}

  list(filter: RegisterFilter, page: RegisterPage, reader: Principal, now: Date) {
    const rows = this.register.rows(
      filter,
      { limit: page.limit + 1, offset: page.offset },
      seesWholeRegister(reader) ? undefined : scopeOf(reader),
    );
    return {
      items: rows.slice(0, page.limit).map((row) => disclosureItem(row, now, showsPanel(row, reader))),
      ...(rows.length > page.limit ? { next: { offset: page.offset + page.limit, limit: page.limit } } : {}),
    };
  }

  /** One entry, or undefined (the caller's 404) when there is none or the reader may not know of it. */
  one(disclosureId: string, reader: Principal, now: Date) {
    const row = this.register.row(disclosureId);
    if (row === undefined) return undefined;
    if (!seesWholeRegister(reader) && !mayKnowOfRow(row, reader)) return undefined;
    return disclosureItem(row, now, showsPanel(row, reader));
  }
}

function mayKnowOfRow(row: DisclosureRow, reader: Principal): boolean {
  return mayKnowOfEntry(
    {
      kind: row.kind,
      fromAgency: row.from_agency,
      toAgency: row.to_agency,
      toUserId: row.to_user_id,
      recordedById: row.recorded_by,
      dsaId: row.dsa_id,
    },
    { id: reader.id, agency: reader.agency, seesSubject: onEntryPanel(row, reader) },
  );
}
