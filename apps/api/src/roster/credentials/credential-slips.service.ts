import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { Forbidden, Unprocessable } from '../../platform/errors/domain-errors';
import { ClassesService } from '../classes/classes.service';
import { issueAccount } from '../people/accounts';
import { CREDENTIALS_ISSUE, ROSTER_WRITE } from '../roster.roles';
import type { IssueCredentialSlipsDto } from './credential-slip.dto';
import { hasReachedAge, MIN_STUDENT_ACCOUNT_AGE, todayIn } from './slip-audience';
import { type CredentialSlip, renderSlips } from './slips.pdf';

export interface IssuedSlips {
  pdf: Buffer;
  className: string;
  issued: number;
  created: number;
  reset: number;
  /** Students of the class younger than 14: their account is created by a parent (002 §3.1.4). */
  skippedUnder14: number;
  /** People who work at a school: their credentials come from the administrator only. */
  skippedStaff: number;
}

interface Candidate {
  kind: 'parent' | 'student';
  personId: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  children: string[];
  hasAccount: boolean;
  isStaff: boolean;
}

const PERSON_COLUMNS = `p.id AS "personId", p.last_name AS "lastName", p.first_name AS "firstName", p.middle_name AS "middleName",
  p.birth_date::text AS "birthDate", (u.id IS NOT NULL) AS "hasAccount",
  EXISTS (SELECT 1 FROM employments em WHERE em.person_id = p.id AND em.dismissed_at IS NULL) AS "isStaff"`;


/**
 * R-ROS-10: parent and student credentials of a class, printed as slips. Creates missing accounts and (unless
 * onlyMissing) resets the others' passwords in one transaction; the one-time passwords exist only in the PDF —
 * never in the audit log or the logs.
 */
@Injectable()
export class CredentialSlipsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly classes: ClassesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async issue(actor: Actor, classId: string, dto: IssueCredentialSlipsDto): Promise<IssuedSlips> {
    const row = await this.classes.find(actor, classId);
    const a = requireRole(actor, row.school_id, CREDENTIALS_ISSUE);
    if (!ROSTER_WRITE.includes(a.role) && !this.classes.isClassTeacherOf(actor, row)) {
      throw new Forbidden('Only the class teacher of this class or the administrator issues its credentials');
    }
    const className = `${row.grade}${row.letter}`;
    const [school]: { name: string; time_zone: string }[] = await this.db.query(`SELECT name, time_zone FROM schools WHERE id = $1`, [row.school_id]);
    const today = todayIn(school.time_zone);

    return this.db.transaction(async (tx) => {
      const candidates = await this.candidates(tx, classId, dto.audience);
      let skippedUnder14 = 0;
      let skippedStaff = 0;
      const chosen: Candidate[] = [];
      for (const c of candidates) {
        if (c.kind === 'student' && !hasReachedAge(c.birthDate, today, MIN_STUDENT_ACCOUNT_AGE)) skippedUnder14++;
        // A teacher who is also a parent keeps the account the administrator manages (staff credentials come from the admin).
        else if (c.isStaff && c.hasAccount) skippedStaff++;
        else if (!(dto.onlyMissing && c.hasAccount)) chosen.push(c);
      }
      if (chosen.length === 0) {
        throw new Unprocessable(`Nobody in ${className} needs credentials for this request`, { skippedUnder14, skippedStaff });
      }
      const slips: CredentialSlip[] = [];
      let created = 0;
      for (const c of chosen) {
        const account = await issueAccount(tx, { id: c.personId, lastName: c.lastName, firstName: c.firstName, middleName: c.middleName });
        if (account.created) created++;
        slips.push({ kind: c.kind, fullName: [c.lastName, c.firstName, c.middleName].filter(Boolean).join(' '), children: c.children,
          login: account.login, password: account.password });
        await this.audit.record(tx, { schoolId: row.school_id, actor, role: a.role, action: account.created ? 'account.create' : 'account.reset',
          entity: 'account', entityId: account.userId,
          after: { userId: account.userId, personId: c.personId, login: account.login, audience: c.kind, classId, mustChangePassword: true },
          reason: `Бланк учётных данных, класс ${className}` });
      }
      const summary = { audience: dto.audience, onlyMissing: dto.onlyMissing, issued: chosen.length, created, reset: chosen.length - created,
        skippedUnder14, skippedStaff };
      await this.audit.record(tx, { schoolId: row.school_id, actor, role: a.role, action: 'credentials.issue', entity: 'class', entityId: classId,
        after: summary });
      const pdf = await renderSlips({ schoolName: school.name, className, diaryUrl: this.config.diaryUrl, issuedOn: today, slips });
      return { pdf, className, ...summary };
    });
  }

  /** Current students of the class and their parents, ordered so a parent's slip sits next to the child's name order. */
  private async candidates(tx: EntityManager, classId: string, audience: IssueCredentialSlipsDto['audience']): Promise<Candidate[]> {
    const out: Candidate[] = [];
    if (audience !== 'parents') {
      const rows: Omit<Candidate, 'kind' | 'children'>[] = await tx.query(
        `SELECT ${PERSON_COLUMNS}
           FROM enrolments e JOIN students s ON s.id = e.student_id JOIN persons p ON p.id = s.person_id LEFT JOIN users u ON u.person_id = p.id
          WHERE e.class_id = $1 AND e.ends_on IS NULL AND s.status = 'studying'
          ORDER BY p.last_name, p.first_name, p.middle_name`, [classId]);
      out.push(...rows.map((r) => ({ ...r, kind: 'student' as const, children: [] })));
    }
    if (audience !== 'students') {
      const rows: (Omit<Candidate, 'kind'> & { firstChild: string })[] = await tx.query(
        `SELECT ${PERSON_COLUMNS},
                array_agg(concat_ws(' ', sp.last_name, sp.first_name) ORDER BY sp.last_name, sp.first_name) AS children,
                min(concat_ws(' ', sp.last_name, sp.first_name, sp.middle_name)) AS "firstChild"
           FROM enrolments e JOIN students s ON s.id = e.student_id JOIN persons sp ON sp.id = s.person_id
           JOIN guardianships gs ON gs.student_id = s.id JOIN guardians g ON g.id = gs.guardian_id
           JOIN persons p ON p.id = g.person_id LEFT JOIN users u ON u.person_id = p.id
          WHERE e.class_id = $1 AND e.ends_on IS NULL AND s.status = 'studying'
          GROUP BY p.id, u.id
          ORDER BY "firstChild", p.last_name, p.first_name`, [classId]);
      out.push(...rows.map(({ firstChild: _f, ...r }) => ({ ...r, kind: 'parent' as const })));
    }
    return out;
  }
}
