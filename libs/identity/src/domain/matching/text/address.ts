import { normaliseText, tokens } from './normalise-text';
import { phoneticCodes } from './phonetic';

/** First-line address, reduced to what survives retyping: house numbers and street words. */
export interface AddressParts {
  /** Normalised text with street-type abbreviations expanded. */
  readonly text: string;
  /** Numeric tokens (house and flat numbers), in order. */
  readonly numbers: string;
  /** The non-numeric words, joined. */
  readonly street: string;
  /** Sound of the first non-numeric word (`PARK` in `17 Park Road`), for blocking. */
  readonly streetSound: string;
}

/** Abbreviations as agencies type them -> the word, so `17 Park Rd` meets `17 Park Road`. */
const STREET_WORDS: Readonly<Record<string, string>> = {
  RD: 'ROAD',
  ST: 'STREET',
  AVE: 'AVENUE',
  AV: 'AVENUE',
  LN: 'LANE',
  CL: 'CLOSE',
  CT: 'COURT',
  CRT: 'COURT',
  DR: 'DRIVE',
  GDNS: 'GARDENS',
  GRN: 'GREEN',
  GR: 'GROVE',
  GRV: 'GROVE',
  PL: 'PLACE',
  SQ: 'SQUARE',
  TER: 'TERRACE',
  TERR: 'TERRACE',
  CRES: 'CRESCENT',
  HSE: 'HOUSE',
  PK: 'PARK',
  WY: 'WAY',
};
/** Words that describe the kind of dwelling rather than locate it. */
const NOISE_WORDS = new Set(['FLAT', 'APARTMENT', 'APT', 'UNIT', 'NO']);

/**
 * What referrers write when there is no address to give ("No fixed abode", "NFA", "N/A",
 * "Not known", "Address withheld", "Refuge", "Street homeless"). A line made only of these
 * locates nobody, so it is missing: two homeless men must never share a "home".
 */
const NO_ADDRESS_WORDS = new Set(
  `NO FIXED ABODE ADDRESS NFA N A NA NONE NIL UNKNOWN NOT KNOWN NK GIVEN PROVIDED STATED TBC TBA
   HOMELESS ROUGH SLEEPER SLEEPING STREET WITHHELD CONFIDENTIAL REFUGE`.split(/\s+/),
);

export function parseAddress(raw: string | undefined): AddressParts | undefined {
  if (raw === undefined) return undefined;
  const written = tokens(normaliseText(raw));
  if (written.every((word) => NO_ADDRESS_WORDS.has(word))) return undefined;
  const words = written.filter((word) => !NOISE_WORDS.has(word)).map((word) => STREET_WORDS[word] ?? word);
  if (words.length === 0) return undefined;
  const numbers = words.filter((word) => /^\d/.test(word));
  const street = words.filter((word) => !/^\d/.test(word));
  return {
    text: words.join(' '),
    numbers: numbers.join(' '),
    street: street.join(''),
    streetSound: phoneticCodes(street[0] ?? '')[0] ?? '',
  };
}
