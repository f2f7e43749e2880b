import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

/** Who asks: the school in which the caller acts (operator or admin there); the backup itself covers the whole database. */
export class RunBackupDto {
  @ApiProperty({ format: 'uuid', description: 'The school in which the caller acts (operator or admin)' }) @IsUUID() schoolId: string;
  @ApiPropertyOptional({ example: 'Резервное копирование в конце учебного года (не позднее 30 июня)' })
  @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class RunIntegrityDto {
  @ApiProperty({ format: 'uuid', description: 'The school in which the caller acts (operator or admin)' }) @IsUUID() schoolId: string;
}

export class TargetCheckView {
  @ApiProperty({ example: '2026-12-06T04:30:00.000Z' }) at: string;
  @ApiProperty({ example: true }) ok: boolean;
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ example: 0, description: 'Files found missing or altered' }) problems: number;
}

export class BackupTargetView {
  @ApiProperty({ example: 'a', description: 'a or b: the two independent storage targets' }) key: string;
  @ApiProperty({ example: '/srv/backups/a/otmetka-20261206T023000Z-3f9c1a' }) path: string;
  @ApiProperty({ enum: ['ok', 'failed'] }) status: 'ok' | 'failed';
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of this copy\'s manifest.json' }) manifestSha256: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: TargetCheckView, nullable: true, description: 'The last integrity check of this copy' }) lastCheck: TargetCheckView | null;
}

export class BackupView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'otmetka-20261206T023000Z-3f9c1a' }) name: string;
  @ApiProperty({ enum: ['manual', 'scheduled'] }) trigger: 'manual' | 'scheduled';
  @ApiProperty({ enum: ['running', 'done', 'partial', 'failed'], description: 'partial: only one target got its copy' })
  status: 'running' | 'done' | 'partial' | 'failed';
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) requestedBy: string | null;
  @ApiProperty({ example: '2026-12-06T02:30:00.000Z' }) startedAt: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The instant of the database snapshot the copy holds' }) snapshotAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) tableCount: number | null;
  @ApiProperty({ type: Number, nullable: true }) rowCount: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Compressed size of one copy, bytes' }) byteCount: number | null;
  @ApiProperty({ type: String, nullable: true }) manifestSha256: string | null;
  @ApiProperty({ type: [String], description: 'Schema version: the applied migrations' }) migrations: string[];
  @ApiProperty({ type: [BackupTargetView] }) targets: BackupTargetView[];
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

export class BackupListView {
  @ApiProperty({ type: [BackupView] }) items: BackupView[];
  @ApiProperty() total: number;
}

export class IntegrityFindingView {
  @ApiProperty({ enum: ['archive_item', 'archive_file', 'backup_file', 'audit_chain'] })
  kind: 'archive_item' | 'archive_file' | 'backup_file' | 'audit_chain';
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null for what belongs to no school (backups)' }) schoolId: string | null;
  @ApiProperty({ description: 'Archive item id, backup id or the audit chain\'s school key' }) subjectId: string;
  @ApiProperty({ example: 'otmetka-20261206T023000Z-3f9c1a' }) subjectName: string;
  @ApiProperty({ type: String, nullable: true, example: 'a', description: 'Backup target (a/b)' }) target: string | null;
  @ApiProperty({ type: String, nullable: true, example: '012-marks.ndjson.gz' }) file: string | null;
  @ApiProperty({ enum: ['missing', 'altered', 'unreadable', 'broken'] }) problem: 'missing' | 'altered' | 'unreadable' | 'broken';
  @ApiProperty() detail: string;
}

export class IntegrityCheckedView {
  @ApiProperty() archiveItems: number;
  @ApiProperty() archiveFiles: number;
  @ApiProperty() backups: number;
  @ApiProperty() backupCopies: number;
  @ApiProperty() backupFiles: number;
  @ApiProperty() auditChains: number;
  @ApiProperty() auditEvents: number;
}

export class IntegrityReportSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['manual', 'scheduled'] }) trigger: 'manual' | 'scheduled';
  @ApiProperty({ enum: ['running', 'ok', 'problems', 'failed'] }) status: 'running' | 'ok' | 'problems' | 'failed';
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) requestedBy: string | null;
  @ApiProperty() startedAt: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: IntegrityCheckedView }) checked: IntegrityCheckedView;
  @ApiProperty({ description: 'Findings visible to the caller\'s school (its own and the platform\'s)' }) findingCount: number;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

export class IntegrityReportView extends IntegrityReportSummaryView {
  @ApiProperty({ type: [IntegrityFindingView] }) findings: IntegrityFindingView[];
}

export class IntegrityReportListView {
  @ApiProperty({ type: [IntegrityReportSummaryView] }) items: IntegrityReportSummaryView[];
  @ApiProperty() total: number;
}
