import type { Role } from '@otmetka/contracts';

/** R-ARC-05 (002 §3.1.16, 004 §6.4): the journal administrator / system operator makes backups and runs integrity checks. */
export const BACKUP_WRITE: readonly Role[] = ['operator', 'admin'];
/** The administration reads the backup register and the integrity reports (R-ARC-06). */
export const BACKUP_READ: readonly Role[] = ['operator', 'admin', 'director', 'deputy'];
