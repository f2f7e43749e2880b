import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { assertVersion, NotFound } from '../../platform/errors/domain-errors';
import { DEFAULT_EDIT_WINDOWS, type EditWindows } from '../edit-policy/edit-policy';
import { JOURNAL_SETTINGS_WRITE, JOURNAL_STAFF } from '../journal.roles';
import { JournalSettings } from './journal-settings.entity';
import { JournalSettingsView, UpdateJournalSettingsDto } from './journal-settings.dto';

/** R-JRN-05 / R-JRN-08 defaults of the seeds (the columns' defaults in the migration). */
export const DEFAULT_SETTINGS: Omit<JournalSettingsView, 'schoolId'> = {
  ...DEFAULT_EDIT_WINDOWS, roundingThreshold: 0.5, classTeacherAppliesChanges: false, isDefault: true, version: 0,
};

/** What the edit policy needs of a school: its windows and its time zone. */
export interface SchoolEditContext {
  windows: EditWindows;
  timeZone: string;
  settings: JournalSettingsView;
}

const toView = (s: JournalSettings): JournalSettingsView => ({
  schoolId: s.schoolId, contentEditDays: s.contentEditDays, lateEntryDays: s.lateEntryDays, homeworkHoursAfterClasses: s.homeworkHoursAfterClasses,
  controlMarkEditDays: s.controlMarkEditDays, periodMarkEditDays: s.periodMarkEditDays, roundingThreshold: s.roundingThreshold,
  classTeacherAppliesChanges: s.classTeacherAppliesChanges, isDefault: false, version: s.version,
});

export const editWindowsOf = (s: Pick<JournalSettingsView, keyof EditWindows>): EditWindows => ({
  contentEditDays: s.contentEditDays, lateEntryDays: s.lateEntryDays, homeworkHoursAfterClasses: s.homeworkHoursAfterClasses,
  controlMarkEditDays: s.controlMarkEditDays, periodMarkEditDays: s.periodMarkEditDays,
});

/** R-JRN-05: the school's journal settings — the edit windows every journal write is decided by, and the rounding threshold. */
@Injectable()
export class JournalSettingsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService) {}

  /** The school's settings, the defaults when it has saved none. No authorization: for the journal's services. */
  async get(schoolId: string, tx: EntityManager = this.db.manager): Promise<JournalSettingsView> {
    const row = await tx.findOneBy(JournalSettings, { schoolId });
    return row ? toView(row) : { schoolId, ...DEFAULT_SETTINGS };
  }

  /** The windows and the time zone the edit policy decides with (R-JRN-05; deadlines in the school's zone, R-ROS-01). */
  async editContext(schoolId: string, tx: EntityManager = this.db.manager): Promise<SchoolEditContext> {
    const [settings, [school]] = await Promise.all([this.get(schoolId, tx), tx.query(`SELECT time_zone FROM schools WHERE id = $1`, [schoolId])]);
    if (!school) throw new NotFound('No such school');
    return { windows: editWindowsOf(settings), timeZone: school.time_zone, settings };
  }

  async read(actor: Actor, schoolId: string): Promise<JournalSettingsView> {
    requireRole(actor, schoolId, JOURNAL_STAFF);
    return this.get(schoolId);
  }

  async update(actor: Actor, schoolId: string, dto: UpdateJournalSettingsDto): Promise<JournalSettingsView> {
    const a = requireRole(actor, schoolId, JOURNAL_SETTINGS_WRITE);
    return this.db.transaction(async (tx) => {
      // The school row lock serialises the first save (no settings row to lock yet) with any other.
      await tx.query(`SELECT id FROM schools WHERE id = $1 FOR UPDATE`, [schoolId]);
      const before = await this.get(schoolId, tx);
      assertVersion(before.version, dto.version);
      const next: JournalSettings = {
        schoolId, contentEditDays: dto.contentEditDays ?? before.contentEditDays, lateEntryDays: dto.lateEntryDays ?? before.lateEntryDays,
        homeworkHoursAfterClasses: dto.homeworkHoursAfterClasses ?? before.homeworkHoursAfterClasses,
        controlMarkEditDays: dto.controlMarkEditDays ?? before.controlMarkEditDays, periodMarkEditDays: dto.periodMarkEditDays ?? before.periodMarkEditDays,
        roundingThreshold: dto.roundingThreshold ?? before.roundingThreshold,
        classTeacherAppliesChanges: dto.classTeacherAppliesChanges ?? before.classTeacherAppliesChanges, version: before.version,
      };
      if (before.isDefault) await tx.insert(JournalSettings, { ...next, version: 1 });
      else await tx.save(JournalSettings, next);
      const after = await this.get(schoolId, tx);
      await this.audit.record(tx, { schoolId, actor, role: a.role, action: 'journal_settings.update', entity: 'journal_settings', entityId: schoolId,
        before: snapshot(before), after: snapshot(after), reason: dto.reason ?? null });
      return after;
    });
  }
}
