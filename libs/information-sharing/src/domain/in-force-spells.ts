/**
 * The days an agreement is in force, kept as spells as memberships are. A renewal recorded while
 * the agreement runs moves the end of the spell it is in; one recorded after the agreement has
 * lapsed opens a new spell from its own day, so the lapse stays a lapse: a disclosure dated in it
 * was made under no agreement, whatever was signed afterwards.
 */
import { compareDays, ukDayOf, withinDays } from './moments';

export interface InForceSpell {
  /** YYYY-MM-DD, inclusive. */
  readonly from: string;
  /** YYYY-MM-DD, inclusive; null when open-ended (until expired). */
  readonly to: string | null;
}

/** Whether the UK calendar day of `at` falls in one of the spells. */
export const withinSpells = (spells: readonly InForceSpell[], at: string): boolean =>
  spells.some((spell) => withinDays(at, spell.from, spell.to));

/** The spell a renewal changes: the last one. */
export function lastSpell(spells: readonly InForceSpell[]): InForceSpell {
  const last = spells[spells.length - 1];
  if (last === undefined) throw new Error('an agreement is in force for one spell at least');
  return last;
}

/** Whether the agreement had run out before the UK calendar day of `at` (its last spell ended earlier). */
export function lapsedBy(spells: readonly InForceSpell[], at: string): boolean {
  const { to } = lastSpell(spells);
  const day = ukDayOf(at);
  return to !== null && day !== undefined && compareDays(to, day) < 0;
}

/**
 * The spells begun by the UK day of `at`, the first always (a renewal is dated no earlier). A later
 * one is a renewal dated ahead, written before changes dated ahead were refused: it has not begun,
 * so a renewal dated before it replaces it rather than moving its end, and is judged by the spells
 * that ran before.
 */
export function begunBy(spells: readonly InForceSpell[], at: string): InForceSpell[] {
  const day = ukDayOf(at);
  return spells.filter((spell, i) => i === 0 || day === undefined || compareDays(spell.from, day) <= 0);
}

/**
 * The spells after a renewal recorded at `renewedAt` that runs the agreement to `inForceTo`.
 * After a lapse, a renewal that reaches its own day opens a new spell from that day; one that
 * does not is refused before it is recorded (renew-dsa, `renewal-reaches-its-day`). Otherwise
 * (still running) it moves the end of the last spell. A spell not begun by then gives way to it.
 */
export function renewSpells(
  spells: readonly InForceSpell[],
  renewedAt: string,
  inForceTo: string | null,
): InForceSpell[] {
  const begun = begunBy(spells, renewedAt);
  const renewedOn = ukDayOf(renewedAt);
  const reachesRenewal = inForceTo === null || (renewedOn !== undefined && compareDays(inForceTo, renewedOn) >= 0);
  if (renewedOn !== undefined && lapsedBy(begun, renewedAt) && reachesRenewal)
    return [...begun, { from: renewedOn, to: inForceTo }];
  return [...begun.slice(0, -1), { from: lastSpell(begun).from, to: inForceTo }];
}
