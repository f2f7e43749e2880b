/**
 * Entities of year closing, archive items and disposal (R-ARC-01 … R-ARC-04, R-ARC-07): none — `archive_items`, `year_closings` and
 * `archive_disposal_acts` (migration 1765100000000-Archive) are read and written with plain SQL by the services of this folder.
 */
export const PACKAGE_ENTITIES: (new (...args: never[]) => unknown)[] = [];
