import { hollingsworth, syntheticPnc, type PeopleClient } from './people';
import { iomReferral, maracReferral } from './referrals';

/** An IOM offender, born 22 March 1979, with a PNC ID of `pncSerial`. */
export const iomOffenderReferred = (
  client: PeopleClient,
  token: string,
  { forenames, surname, pncSerial }: { forenames: string; surname: string; pncSerial: number },
) =>
  client.refer(
    token,
    iomReferral(
      {},
      {
        person: hollingsworth({
          forenames,
          surname,
          dateOfBirth: '1979-03-22',
          postcode: 'W3 7QS',
          address: '5 Offender Road',
          identifiers: { pnc: syntheticPnc(pncSerial) },
        }),
      },
    ),
  );

/** A MARAC victim of the same name, born a day later (a day out: the matcher proposes them as one), in a refuge. */
export const maracVictimReferred = (
  client: PeopleClient,
  token: string,
  { forenames, surname }: { forenames: string; surname: string },
) =>
  client.refer(
    token,
    maracReferral(
      {
        person: hollingsworth({
          forenames,
          surname,
          dateOfBirth: '1979-03-23',
          postcode: 'N1 9GU',
          address: '1 Refuge Lane',
        }),
      },
      { perpetrator: undefined },
    ),
  );

/** A coordinator undoes a wrong merge, giving `restoredId` back its records; expects 200. */
export async function mergeUndone(client: PeopleClient, token: string, survivorId: string, restoredId: string) {
  const split = await client.post(`/v1/people/${survivorId}/split`, token, {
    reason: 'Two different people after all',
    restore: restoredId,
  });
  expect(split.status).toBe(200);
}
