/**
 * The monthly core-cohort upload's own word that a person left the cohort: the import flags only
 * an open IOM case, so of a nominal the panel rejected the upload's stream alone says it. Pure:
 * fed the import's facts in log order, it gives back the expiries each completed upload stands for.
 *
 * - A file's words count once it completes (`iom-cohort-file-imported`); a cancelled upload said
 *   nothing, as the live tracker reads it (`cohort-upload-evidence.ts`).
 * - A file completing after an upload of a later month completed is late: the later month had
 *   the whole cohort then, and the import writes nothing on cases for such a file, so its words
 *   are dropped here too.
 */
export interface UploadExpiry {
  readonly personId: string;
  /** When the upload was received: the `occurredAt` of the flags it writes on open cases. */
  readonly occurredAt: string;
}

export class UploadExpiries {
  private readonly pending = new Map<string, UploadExpiry[]>();
  private latestCompletedMonth: string | undefined;

  /** One upload (`month`, `fileDigest`) reported the person expired (a row, or absent from the file). */
  heard(month: string, fileDigest: string, expiry: UploadExpiry): void {
    const key = uploadKey(month, fileDigest);
    const words = this.pending.get(key);
    if (words === undefined) this.pending.set(key, [expiry]);
    else words.push(expiry);
  }

  /** The upload completed: the expiries it stands for, none when it came late. */
  completed(month: string, fileDigest: string): UploadExpiry[] {
    const key = uploadKey(month, fileDigest);
    const words = this.pending.get(key) ?? [];
    this.pending.delete(key);
    const late = this.latestCompletedMonth !== undefined && this.latestCompletedMonth > month;
    if (!late) this.latestCompletedMonth = month;
    return late ? [] : words;
  }

  /** A user cancelled the upload before it completed: its words count for nothing. */
  cancelled(month: string, fileDigest: string): void {
    this.pending.delete(uploadKey(month, fileDigest));
  }
}

const uploadKey = (month: string, fileDigest: string): string => `${month}/${fileDigest}`;
