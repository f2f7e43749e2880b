/**
 * Entities of backups and integrity reports (R-ARC-05, R-ARC-06): none — the `backups` and `integrity_reports` tables
 * (migration 1765200000000-Backups) are read and written with plain SQL by backups.service.ts and integrity.service.ts.
 */
export const BACKUP_ENTITIES: (new (...args: never[]) => unknown)[] = [];
