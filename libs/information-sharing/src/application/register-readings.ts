import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../platform/src/auth/principal';
import { mayKnowOfEntry } from '../domain';
import {
  disclosureItem,
  DisclosureRegister,
  type DisclosureRow,
  type RegisterFilter,
  type RegisterPage,
} from './disclosure-register';
import { SubjectReaders } from './subject-readers';

/** Rows read from the register at a time while looking for the entries a case worker may know of. */
const SCAN_BATCH = 200;

/** Auditors and admins read the whole register; case workers what `mayKnowOfEntry` lets them. */
const seesWholeRegister = (p: Principal): boolean => p.roles.includes('auditor') || p.roles.includes('admin');

const recordedById = (row: DisclosureRow): string | null => {
  const actor = JSON.parse(row.actor) as { id?: unknown } | null;
  return typeof actor?.id === 'string' ? actor.id : null;
};

/**
 * The register as one reader may see it. Filtering happens before paging, so offsets, `next` and
 * empty pages count only entries the reader may know of: a hidden entry leaves no gap to count.
 */
@Injectable()
export class RegisterReadings {
  constructor(
    private readonly register: DisclosureRegister,
    private readonly subjects: SubjectReaders,
  ) {}

  async list(filter: RegisterFilter, page: RegisterPage, reader: Principal, now: Date) {
    const rows = seesWholeRegister(reader)
      ? this.register.rows(filter, { limit: page.limit + 1, offset: page.offset })
      : await this.knownRows(filter, page, reader);
    return {
      items: rows.slice(0, page.limit).map((row) => disclosureItem(row, now)),
      ...(rows.length > page.limit ? { next: { offset: page.offset + page.limit, limit: page.limit } } : {}),
    };
  }

  /** One entry, or undefined (the caller's 404) when there is none or the reader may not know of it. */
  async one(disclosureId: string, reader: Principal, now: Date) {
    const row = this.register.row(disclosureId);
    if (row === undefined) return undefined;
    if (!seesWholeRegister(reader) && !(await this.mayKnowOf(row, reader, this.subjects.forReader(reader))))
      return undefined;
    return disclosureItem(row, now);
  }

  /** Up to `limit + 1` entries the reader may know of, after skipping `offset` of them. */
  private async knownRows(filter: RegisterFilter, page: RegisterPage, reader: Principal): Promise<DisclosureRow[]> {
    const seesSubject = this.subjects.forReader(reader);
    const found: DisclosureRow[] = [];
    let skipped = 0;
    for (let scanned = 0; ; scanned += SCAN_BATCH) {
      const batch = this.register.rows(filter, { limit: SCAN_BATCH, offset: scanned });
      for (const row of batch) {
        if (!(await this.mayKnowOf(row, reader, seesSubject))) continue;
        if (skipped < page.offset) skipped += 1;
        else if (found.push(row) > page.limit) return found;
      }
      if (batch.length < SCAN_BATCH) return found;
    }
  }

  private async mayKnowOf(
    row: DisclosureRow,
    reader: Principal,
    seesSubject: ReturnType<SubjectReaders['forReader']>,
  ): Promise<boolean> {
    const entry = {
      kind: row.kind,
      fromAgency: row.from_agency,
      toAgency: row.to_agency,
      recordedById: recordedById(row),
    };
    // The recipient's shares and its hidden withholdings need no panel lookup.
    if (mayKnowOfEntry(entry, { id: reader.id, agency: reader.agency, seesSubject: false })) return true;
    return mayKnowOfEntry(entry, {
      id: reader.id,
      agency: reader.agency,
      seesSubject: await seesSubject({ caseId: row.case_id, personId: row.person_id, panel: row.panel }),
    });
  }
}
