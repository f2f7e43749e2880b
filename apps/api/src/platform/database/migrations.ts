import { Foundation1764500000000 } from '../../migrations/1764500000000-Foundation';
import { Curriculum1764600000000 } from '../../migrations/1764600000000-Curriculum';
import { Journal1764700000000 } from '../../migrations/1764700000000-Journal';
import { JournalEntryStamps1764710000000 } from '../../migrations/1764710000000-JournalEntryStamps';
import { ChangeRequestNumbers1764720000000 } from '../../migrations/1764720000000-ChangeRequestNumbers';
import { Diary1764800000000 } from '../../migrations/1764800000000-Diary';
import { SchoolNews1764900000000 } from '../../migrations/1764900000000-SchoolNews';
import { ControlChecks1765000000000 } from '../../migrations/1765000000000-ControlChecks';
import { Archive1765100000000 } from '../../migrations/1765100000000-Archive';
import { Backups1765200000000 } from '../../migrations/1765200000000-Backups';
import { Monitoring1765300000000 } from '../../migrations/1765300000000-Monitoring';
import { Scale1765400000000 } from '../../migrations/1765400000000-Scale';

/** Every migration in order; add new ones at the end. */
export const MIGRATIONS = [Foundation1764500000000, Curriculum1764600000000, Journal1764700000000, JournalEntryStamps1764710000000,
  ChangeRequestNumbers1764720000000, Diary1764800000000, SchoolNews1764900000000,
  ControlChecks1765000000000, Archive1765100000000, Backups1765200000000, Monitoring1765300000000, Scale1765400000000];
