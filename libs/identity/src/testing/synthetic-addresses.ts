import type { SeededRandom } from './seeded-random';

/**
 * Outward codes (postcode districts) of areas with active community-safety partnerships. Real
 * districts so sector/outward comparisons behave as in the field; the inward codes and streets
 * generated below are random, so the addresses are fictitious.
 */
const OUTWARD_CODES = `N1 N4 N5 N7 N8 N15 N17 N18 N19 N22 E1 E2 E3 E5 E6 E8 E9 E10 E13 E15 E17 SE1 SE5 SE8 SE15
  SE18 SE28 SW2 SW9 NW10 IG11 RM8 RM9 RM10 EN1 EN3 CR0 UB1 B8 B10 B11 M8 M14 L8 LS8 BD8 BS5 NG7`.split(/\s+/);

const STREET_NAMES = `High Church Station Park Victoria Green Manor Queens Kings Grange Mill Albert Windsor Cedar
  Chestnut Elm Oak Beech Willow Springfield Stanley Clarence Richmond York Cambridge Alexandra Brook
  Meadow Hillside Lansdowne Tottenham Seven Sisters Lordship Broadwater Northumberland Philip Hermitage
  Ashley Carlton Devonshire Grosvenor Milton Orchard Osborne Princes Rectory School Sydney Tower Warwick`.split(/\s+/);

const STREET_TYPES = ['Road', 'Street', 'Avenue', 'Lane', 'Close', 'Gardens', 'Grove', 'Court', 'Way', 'Crescent'];
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export interface SyntheticAddress {
  readonly address: string;
  readonly postcode: string;
}

function inwardCode(random: SeededRandom): string {
  const unit = () => UNIT_LETTERS.charAt(random.int(0, UNIT_LETTERS.length - 1));
  return `${random.int(0, 9)}${unit()}${unit()}`;
}

export function syntheticAddress(random: SeededRandom, nearOutward?: string): SyntheticAddress {
  const outward = nearOutward ?? random.pick(OUTWARD_CODES);
  const number = random.int(1, 240);
  const flat = random.chance(0.3) ? `Flat ${random.int(1, 40)}, ` : '';
  const street = `${random.pick(STREET_NAMES)} ${random.pick(STREET_TYPES)}`;
  return { address: `${flat}${number} ${street}`, postcode: `${outward} ${inwardCode(random)}` };
}

/** A move: usually within the same district (new sector or street), sometimes across the country. */
export function movedAddress(random: SeededRandom, from: SyntheticAddress): SyntheticAddress {
  const outward = from.postcode.split(' ')[0];
  return syntheticAddress(random, random.chance(0.6) ? outward : undefined);
}

/** Abbreviations and casing as different agencies type the same address. */
export function retypeAddress(random: SeededRandom, address: string): string {
  let text = address;
  if (random.chance(0.4))
    text = text
      .replace(/\bRoad\b/, 'Rd')
      .replace(/\bStreet\b/, 'St')
      .replace(/\bAvenue\b/, 'Ave');
  if (random.chance(0.2)) text = text.replace(/^Flat (\d+), /, '$1 ');
  if (random.chance(0.2)) text = text.toUpperCase();
  return text;
}
