/**
 * Where a projection's tables live. Every object a projection creates (tables, indexes, views,
 * triggers) is named `<name>_v<version>_<local>`, so two versions of one projection can exist
 * side by side while the new one is built, and a version's objects can be found and dropped by
 * prefix alone.
 */

/** snake_case; may not contain `_v<digit>`, so the prefix of one projection is never the prefix of another's. */
const PROJECTION_NAME_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const VERSION_MARKER = /_v[0-9]/;
const LOCAL_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
const MAX_PROJECTION_NAME_LENGTH = 60;

export class InvalidProjectionError extends Error {
  override readonly name = 'InvalidProjectionError';
}

export function checkProjectionName(name: string): void {
  if (name.length > MAX_PROJECTION_NAME_LENGTH || !PROJECTION_NAME_PATTERN.test(name) || VERSION_MARKER.test(name)) {
    throw new InvalidProjectionError(
      `projection name "${name}" must be snake_case (a-z, 0-9, _), at most ${MAX_PROJECTION_NAME_LENGTH} characters, and not contain "_v<digit>"`,
    );
  }
}

export function checkProjectionVersion(name: string, version: number): void {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new InvalidProjectionError(`projection "${name}": version must be a positive integer (got ${version})`);
  }
}

/** The prefix shared by every object of one version of a projection. */
export function versionPrefix(name: string, version: number): string {
  return `${name}_v${version}_`;
}

/** The SQLite name of a projection version's table (or index, view, trigger) called `local`. */
export function qualifiedName(name: string, version: number, local: string): string {
  if (!LOCAL_NAME_PATTERN.test(local)) {
    throw new InvalidProjectionError(`projection "${name}": table name "${local}" must be snake_case (a-z, 0-9, _)`);
  }
  return `${versionPrefix(name, version)}${local}`;
}
