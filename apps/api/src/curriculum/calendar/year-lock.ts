import { EntityManager } from 'typeorm';
import { Conflict } from '../../platform/errors/domain-errors';
import { AcademicYear } from '../../roster/years/academic-year.entity';

/**
 * Locks the academic year row for a calendar write and refuses a closed year (read-only, R-ARC-01). The lock serialises calendar and
 * period-scheme changes of one year, so the check that periods still fit the calendar sees a stable calendar.
 */
export async function lockWritableYear(tx: EntityManager, academicYearId: string): Promise<AcademicYear> {
  const year = await tx.findOneOrFail(AcademicYear, { where: { id: academicYearId }, lock: { mode: 'pessimistic_write' } });
  if (year.status === 'closed') throw new Conflict('The academic year is closed and read-only');
  return year;
}
