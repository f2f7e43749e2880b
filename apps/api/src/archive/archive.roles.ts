import type { Role } from '@otmetka/contracts';

// R-SEC-02 for the archive (002 §3.1.15, §3.5.1; 004 App.4 §4, App.5 §9–10): who closes years, builds, reads and disposes of archive items.
/** Read the year-closing preflight: the administration (the director reads everything, edits nothing). */
export const YEAR_CLOSING_READ: readonly Role[] = ['operator', 'admin', 'director', 'deputy'];
/** Close the year: the journal administrator "by the director's order" (002 §3.1.15) and the regional operator. */
export const YEAR_CLOSE: readonly Role[] = ['operator', 'admin'];
/** Reopen a closed year: only the regional operator, with a reason. */
export const YEAR_REOPEN: readonly Role[] = ['operator'];
/** List and download archive items (journal packages, summary sheets, printouts, disposal acts). */
export const ARCHIVE_READ: readonly Role[] = ['operator', 'admin', 'director', 'deputy'];
/** Build archive packages and summary sheets of a closed year on demand. */
export const ARCHIVE_BUILD: readonly Role[] = ['operator', 'admin'];
/** Print the journal pages at the end of a period (004 App.5 §9): the administration that keeps the paper copies. */
export const PRINTOUT_BUILD: readonly Role[] = ['operator', 'admin', 'deputy'];
/** See what is due for disposal. */
export const DISPOSAL_READ: readonly Role[] = ['operator', 'admin', 'director'];
/** Confirm a disposal act: the head of the school only (004 App.5 §2: the head answers for the records). */
export const DISPOSAL_CONFIRM: readonly Role[] = ['director'];
