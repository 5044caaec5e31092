import { agencyKey } from './moments';

/** What decides who may know of a register entry. */
export interface RegisterEntryParties {
  readonly kind: string;
  readonly fromAgency: string;
  readonly toAgency: string;
  /** The one user a share was addressed to (token subject); null when to the whole agency. */
  readonly toUserId: string | null;
  /** The token subject who recorded it. */
  readonly recordedById: string | null;
  /** The agreement it cites; null for a decision not to share that cites none. */
  readonly dsaId: string | null;
}

/** The case worker asking, and whether they may see the entry's case (or, without one, its person). */
export interface RegisterReader {
  readonly id: string;
  readonly agency: string;
  readonly seesSubject: boolean;
}

/**
 * Whether a case worker may know of this entry. An entry is about a case, so it is for those who
 * may see that case (its panel's members, of any agency) and for whoever recorded it; agency
 * alone opens nothing, because an officer of the disclosing agency off the panel may be the one
 * managing the perpetrator. A share is also the recipient's record of what it received: the
 * agency's, or, when it names one user, that user's only (it was narrowed to them for a reason its
 * purpose may state, such as a refuge's name; their colleagues know of it only as anyone else
 * would). A decision not to share never reaches the agency it was about, panel member or not: its
 * reason (a victim in refuge, say) is often exactly what must not reach it. One that cites no
 * agreement names its would-be recipient as the discloser typed it, checked against nothing, so no
 * spelling can be trusted to keep it from that agency: of the panel, only the discloser's own
 * agency's members know of it.
 */
export function mayKnowOfEntry(entry: RegisterEntryParties, reader: RegisterReader): boolean {
  const toReaderAgency = agencyKey(entry.toAgency) === agencyKey(reader.agency);
  if (toReaderAgency && entry.kind === 'withheld') return false;
  if (toReaderAgency && (entry.toUserId === null || entry.toUserId === reader.id)) return true;
  if (entry.recordedById !== null && entry.recordedById === reader.id) return true;
  if (entry.kind === 'withheld' && entry.dsaId === null)
    return reader.seesSubject && agencyKey(entry.fromAgency) === agencyKey(reader.agency);
  return reader.seesSubject;
}
