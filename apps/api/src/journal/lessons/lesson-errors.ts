import { PROBLEM_TYPES } from '@otmetka/contracts';
import { DomainError } from '../../platform/errors/domain-errors';
import type { LessonPageView } from './lesson.dto';

/**
 * R-API-03: a save with a stale lesson version — 409 with the lesson page as it is now (`current`), so the client merges and nothing
 * entered by either side is lost.
 */
export class StaleLesson extends DomainError {
  readonly status = 409;
  readonly type = PROBLEM_TYPES.staleVersion;
  readonly title = 'Stale version';
  constructor(expected: number, current: LessonPageView) {
    super(`The lesson changed: current version is ${current.version}, yours is ${expected}`, { currentVersion: current.version, current });
  }
}
