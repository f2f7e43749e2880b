import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, NotFound } from '../../platform/errors/domain-errors';
import { CALENDAR_WRITE, CURRICULUM_READ } from '../curriculum.roles';
import { Room } from './room.entity';
import { CreateRoomDto, RoomView, UpdateRoomDto } from './reference.dto';

/** Names compare without case and outer spaces; in JS, because the database's C locale does not fold Cyrillic case. */
const sameName = (name: string): string => name.trim().toLocaleLowerCase('ru');

/** R-CUR-10: rooms (кабинеты); archived instead of deleted, because timetables of past years refer to them. */
@Injectable()
export class RoomsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor, schoolId: string, includeArchived = false): Promise<RoomView[]> {
    requireRole(actor, schoolId, CURRICULUM_READ, 'roster:read');
    const rows = await this.db.getRepository(Room).find({ where: includeArchived ? { schoolId } : { schoolId, archived: false }, order: { name: 'ASC' } });
    return rows.map(RoomView.from);
  }

  async find(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<Room> {
    const r = await tx.findOneBy(Room, { id });
    if (!r || !actor.principal.memberships.some((m) => m.schoolId === r.schoolId)) throw new NotFound('No such room');
    return r;
  }

  async get(actor: Actor, id: string): Promise<RoomView> {
    const r = await this.find(actor, id);
    requireRole(actor, r.schoolId, CURRICULUM_READ, 'roster:read');
    return RoomView.from(r);
  }

  async create(actor: Actor, dto: CreateRoomDto): Promise<RoomView> {
    const a = requireRole(actor, dto.schoolId, CALENDAR_WRITE);
    return this.db.transaction(async (tx) => {
      await this.assertNameFree(tx, dto.schoolId, dto.name, null);
      const r = tx.create(Room, { id: newId(), schoolId: dto.schoolId, name: dto.name, capacity: dto.capacity ?? null, note: dto.note ?? null, archived: false });
      await tx.insert(Room, r);
      const saved = await tx.findOneByOrFail(Room, { id: r.id });
      await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'room.create', entity: 'room', entityId: r.id, after: snapshot(saved) });
      return RoomView.from(saved);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateRoomDto): Promise<RoomView> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    return this.db.transaction(async (tx) => {
      const before = await tx.findOneOrFail(Room, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(before.version, dto.version);
      if (dto.name !== undefined && dto.name !== before.name) await this.assertNameFree(tx, before.schoolId, dto.name, id);
      const after = await tx.save(Room, { ...before, name: dto.name ?? before.name,
        capacity: dto.capacity === undefined ? before.capacity : dto.capacity, note: dto.note === undefined ? before.note : dto.note,
        archived: dto.archived ?? before.archived });
      await this.audit.record(tx, { schoolId: before.schoolId, actor, role: a.role, action: dto.archived === true && !before.archived ? 'room.archive' : 'room.update',
        entity: 'room', entityId: id, before: snapshot(before), after: snapshot(after), reason: dto.reason ?? null });
      return RoomView.from(after);
    });
  }

  private async assertNameFree(tx: EntityManager, schoolId: string, name: string, exceptId: string | null): Promise<void> {
    const rows: { id: string; name: string }[] = await tx.query(`SELECT id, name FROM rooms WHERE school_id = $1`, [schoolId]);
    if (rows.some((r) => r.id !== exceptId && sameName(r.name) === sameName(name))) {
      throw new Conflict(`The school already has a room named "${name}"`);
    }
  }
}
