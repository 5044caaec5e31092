import type { ReferredPerson } from '../person-resolver';

/** A synthetic woman the specs of a link beside a merge or restore refer with and without a PNC ID. */
export const morwenna: ReferredPerson = {
  forenames: 'Morwenna',
  surname: 'Chegwidden',
  dateOfBirth: '1984-05-17',
  sex: 'female',
  postcode: 'TR18 4AA',
};

/** Her referral giving PNC ID `pnc`. */
export const morwennaWithPnc = (pnc: string): ReferredPerson => ({ ...morwenna, identifiers: { pnc } });

/** Two PNC IDs, each valid, that are not one another. */
export const PNC_Y = '2004/0012345D';
export const PNC_Z = '2006/0054321K';
