import type { ProjectionDefinition } from './projection-definition';
import { checkProjectionName, InvalidProjectionError, qualifiedName, versionPrefix } from './projection-naming';
import { definitionsByName, projectionRegistry } from './projection-registry';

function projection(name: string, version = 1): ProjectionDefinition {
  return { name, version, migrate: () => undefined, apply: () => undefined };
}

describe('projection naming', () => {
  it('namespaces tables by name and version', () => {
    expect(qualifiedName('case_counts', 3, 'by_panel')).toBe('case_counts_v3_by_panel');
    expect(versionPrefix('case_counts', 3)).toBe('case_counts_v3_');
  });

  it.each(['Cases', 'case-counts', '_cases', 'cases_', 'case__counts', 'cases_v2', 'cases_v1_old', ''])(
    'rejects the projection name %p',
    (name) => expect(() => checkProjectionName(name)).toThrow(InvalidProjectionError),
  );

  it.each(['cases', 'case_counts', 'case_views', 'person_index2'])('accepts the projection name %p', (name) =>
    expect(() => checkProjectionName(name)).not.toThrow(),
  );

  it('rejects table names that could escape the namespace', () => {
    expect(() => qualifiedName('cases', 1, 'x"; DROP TABLE y; --')).toThrow(InvalidProjectionError);
    expect(() => qualifiedName('cases', 1, 'Totals')).toThrow(InvalidProjectionError);
  });
});

describe('projectionRegistry', () => {
  it('combines the lists contexts publish', () => {
    const registry = projectionRegistry([projection('cases')], [projection('people'), projection('audit')]);
    expect(registry.map((p) => p.name)).toEqual(['cases', 'people', 'audit']);
  });

  it('refuses the same name and version twice, and bad versions', () => {
    expect(() => projectionRegistry([projection('cases')], [projection('cases')])).toThrow(/registered twice/);
    expect(() => projectionRegistry([projection('cases', 0)])).toThrow(/positive integer/);
    expect(() => projectionRegistry([projection('cases', 1.5)])).toThrow(/positive integer/);
  });

  it('allows two versions of one name, the highest being the target', () => {
    const byName = definitionsByName(projectionRegistry([projection('cases', 2), projection('cases', 1)]));
    expect(byName.get('cases')?.map((p) => p.version)).toEqual([1, 2]);
  });
});
