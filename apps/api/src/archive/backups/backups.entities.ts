/** Entities of backups and integrity reports (R-ARC-05, R-ARC-06). */
export const BACKUP_ENTITIES: Function[] = [];
