import type { ReferredPerson } from '../person-resolver';

/** A synthetic woman the resolver specs refer again with small changes. */
export const adaeze: ReferredPerson = {
  forenames: 'Adaeze',
  surname: 'Fairweather',
  dateOfBirth: '1991-03-08',
  sex: 'female',
  postcode: 'N15 5BT',
};
