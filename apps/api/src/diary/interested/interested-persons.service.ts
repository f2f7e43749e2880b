import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../platform/auth/principal';
import { NotFound } from '../../platform/errors/domain-errors';
import type { CreatedInterestedPersonView, CreateInterestedPersonDto, InterestedPersonView } from '../../roster/guardians/guardian.dto';
import { InterestedPersonsService } from '../../roster/guardians/interested-persons.service';
import { DiaryScopeService } from '../scope/diary-scope.service';

/**
 * R-DIA-12: the parent's management of interested persons from the diary. The diary's scope policy comes first (someone
 * else's child is 404), then the roster's service decides and writes (a parent designates and revokes for their own child).
 */
@Injectable()
export class DiaryInterestedPersonsService {
  constructor(private readonly db: DataSource, private readonly scope: DiaryScopeService, private readonly persons: InterestedPersonsService) {}

  async list(actor: Actor, studentId: string): Promise<InterestedPersonView[]> {
    await this.scope.student(actor, studentId, 'interested_persons');
    return this.persons.list(actor, studentId);
  }

  async create(actor: Actor, studentId: string, dto: Omit<CreateInterestedPersonDto, 'studentId' | 'guardianId'>): Promise<CreatedInterestedPersonView> {
    await this.scope.student(actor, studentId, 'interested_persons');
    return this.persons.create(actor, { ...dto, studentId });
  }

  async revoke(actor: Actor, id: string): Promise<InterestedPersonView> {
    const [row]: { student_id: string }[] = await this.db.query(`SELECT student_id FROM interested_persons WHERE id = $1`, [id]);
    if (!row) throw new NotFound('No such interested person');
    await this.scope.student(actor, row.student_id, 'interested_persons');
    return this.persons.revoke(actor, id);
  }
}
