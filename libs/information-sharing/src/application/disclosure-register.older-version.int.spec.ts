import { randomUUID } from 'node:crypto';
import type { Principal } from '../../../platform/src/auth/principal';
import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { qualifiedName } from '../../../read-models/src/projection-naming';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { personIndexProjection } from '../../../identity/src/projections';
import { disclosuresProjection } from '../projections/disclosures.projection';
import { DisclosureRegister, disclosureItem } from './disclosure-register';

/** The register as the release before this one built it: its tables, less the records behind entries. */
const olderRegister: ProjectionDefinition = { ...disclosuresProjection, version: disclosuresProjection.version - 1 };

const metadata = () => {
  const at = new Date().toISOString();
  return {
    actor: { id: 'marac-1', name: 'Test Coordinator', agency: 'Metropolitan Police', roles: ['coordinator'] },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: at,
    recordedAt: at,
    schemaVersion: 1,
  };
};

let fixture: ReadModelFixture;
beforeEach(() => {
  fixture = new ReadModelFixture();
});
afterEach(() => fixture.cleanUp());

/**
 * A share of `personId`'s name alone to Haringey Council for MARAC, under `cited`'s agreement and
 * basis; `kept` is how the release that wrote it kept the records behind it.
 */
const appendShareOfName = (
  disclosureId: string,
  personId: string,
  kept: Record<string, unknown>,
  cited: { dsaId: string; lawfulBasis: Record<string, unknown> },
) =>
  fixture.store.append(
    `disclosure-${disclosureId}`,
    [
      {
        id: randomUUID(),
        type: 'information-shared',
        data: {
          disclosureId,
          personId,
          caseId: null,
          panel: 'MARAC',
          ...kept,
          fromAgency: 'Metropolitan Police',
          toAgency: 'Haringey Council',
          toUser: null,
          fields: ['name'],
          documents: [],
          purpose: 'Home visit planning',
          occurredAt: '2024-05-02T10:00:00Z',
          lawfulBasis: cited.lawfulBasis,
          dsaId: cited.dsaId,
          consent: { given: true },
          expiresAt: null,
        },
        metadata: metadata(),
      },
    ],
    { expected: 'no-stream' },
  );

describe('the register while an older version, keeping no records, answers', () => {
  it('lists an entry about a person alone under whom its id stands for, as that version did', async () => {
    const personId = randomUUID();
    const disclosureId = randomUUID();
    await fixture.store.append(
      `person-${personId}`,
      [
        {
          id: randomUUID(),
          type: 'person-registered',
          data: {
            personId,
            details: { forenames: 'Morwenna', surname: 'Test', aliases: [], identifiers: {} },
            occurredAt: '2024-05-01T10:00:00Z',
          },
          metadata: metadata(),
        },
      ],
      { expected: 'no-stream' },
    );
    await appendShareOfName(
      disclosureId,
      personId,
      { personRecordIds: [personId] },
      { dsaId: 'dsa-1', lawfulBasis: { regime: 'dpa-2018-part-3', section35: 'law-enforcement-task' } },
    );
    const db = fixture.open();
    await fixture.runtime(db, [personIndexProjection, olderRegister]).catchUp();
    db.exec(`DROP TABLE ${qualifiedName(olderRegister.name, olderRegister.version, 'disclosure_records')}`);
    const readModels = new ReadModelDatabase(db);
    const register = new DisclosureRegister(readModels, new PersonIndexQuery(readModels));

    const rows = register.rows({ personId }, { limit: 10, offset: 0 });
    expect(rows.map((row) => disclosureItem(row, new Date(), true))).toEqual([
      expect.objectContaining({ disclosureId, personId, personIds: [personId], splitSince: false }),
    ]);
    expect(register.row(disclosureId)?.record_holders).toBeNull();
  });

  it('opens an entry as one that kept no records behind its fields, where it was recorded', async () => {
    const personId = randomUUID();
    const disclosureId = randomUUID();
    await fixture.store.append(
      'dsa-dsa-2',
      [
        {
          id: randomUUID(),
          type: 'dsa-signed',
          data: {
            dsaId: 'dsa-2',
            title: 'DSA',
            parties: ['Metropolitan Police', 'Haringey Council'],
            purpose: 'Protecting high-risk victims',
            lawfulBasis: { regime: 'uk-gdpr', article6: 'e-public-task' },
            reviewDate: '2030-01-01',
            inForceFrom: '2024-01-01',
            inForceTo: null,
            occurredAt: '2024-01-01T00:00:00Z',
          },
          metadata: metadata(),
        },
      ],
      { expected: 'no-stream' },
    );
    const { position } = await appendShareOfName(
      disclosureId,
      personId,
      { recordsBehindFields: { name: [personId] } },
      { dsaId: 'dsa-2', lawfulBasis: { regime: 'uk-gdpr', article6: 'e-public-task' } },
    );
    const db = fixture.open();
    await fixture.runtime(db, [personIndexProjection, olderRegister]).catchUp();
    db.exec(
      `ALTER TABLE ${qualifiedName(olderRegister.name, olderRegister.version, 'disclosures')} DROP COLUMN records_behind_fields`,
    );
    const readModels = new ReadModelDatabase(db);
    const register = new DisclosureRegister(readModels, new PersonIndexQuery(readModels));
    const reader: Principal = {
      id: 'u-1',
      name: 'Council Officer',
      agency: 'Haringey Council',
      roles: ['practitioner'],
      panels: [],
    };

    const open = register.openOnPerson({ personId, mergedPersonIds: [], cases: [], records: [] }, reader, new Date());
    // The person view then opens it only while its person is unchanged since `position`, each record as it stood then.
    expect(open.byDisclosure).toEqual([
      {
        disclosureId,
        panel: 'MARAC',
        fields: ['name'],
        position: Number(position),
        occurredAt: '2024-05-02T10:00:00Z',
      },
    ]);
  });
});
