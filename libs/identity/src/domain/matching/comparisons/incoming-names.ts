import type { NamePart } from '../text/name-part';
import { RecordNames, type NameField } from './name-comparison';

/**
 * The names of an incoming record compared with every record its blocks found: each level is
 * worked out once per distinct name met (by `NamePart.key`) and remembered for the rest of the
 * match. The records found share few names (a "Mohammed Khan" born on 1 January meets hundreds of
 * Khans and a few dozen forenames), while every alias of the incoming record is tried against
 * each of them: against 212,000 people a referral with 20 aliases ran the same few Jaro-Winkler
 * and sound comparisons about 19,000 times. The levels are those {@link RecordNames} gives.
 */
export class IncomingNames extends RecordNames {
  private readonly forenameLevels = new Map<string, number>();
  private readonly surnameLevels = new Map<string, number>();
  private readonly aliasForenames = new Map<string, boolean>();
  private readonly aliasSurnames = new Map<string, boolean>();
  /** Aliases repeat a name (John Smith, John Smyth): each distinct one is compared once. */
  private readonly distinctAliases: Readonly<Record<NameField, readonly NamePart[]>> = {
    forenames: distinct(this.record.aliasForenames),
    surname: distinct(this.record.aliasSurnames),
  };

  override forenameLevel(other: NamePart): number {
    let level = this.forenameLevels.get(other.key);
    if (level === undefined) this.forenameLevels.set(other.key, (level = super.forenameLevel(other)));
    return level;
  }

  override surnameLevel(other: NamePart): number {
    let level = this.surnameLevels.get(other.key);
    if (level === undefined) this.surnameLevels.set(other.key, (level = super.surnameLevel(other)));
    return level;
  }

  override aliasAgrees(field: NameField, other: NamePart): boolean {
    const known = field === 'forenames' ? this.aliasForenames : this.aliasSurnames;
    let agrees = known.get(other.key);
    if (agrees === undefined) known.set(other.key, (agrees = super.aliasAgrees(field, other)));
    return agrees;
  }

  protected override aliases(field: NameField): readonly NamePart[] {
    return this.distinctAliases[field];
  }
}

function distinct(names: readonly NamePart[]): readonly NamePart[] {
  const byKey = new Map<string, NamePart>();
  for (const name of names) if (!byKey.has(name.key)) byKey.set(name.key, name);
  return byKey.size === names.length ? names : [...byKey.values()];
}
