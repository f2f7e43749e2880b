import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, MinLength } from 'class-validator';

export const ARCHIVE_KINDS = ['journal_package', 'summary_sheet', 'journal_printout', 'disposal_act'] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

export class ManifestEntryView {
  @ApiProperty({ example: 'journal.pdf' }) name: string;
  @ApiProperty({ description: 'SHA-256 of the file, hex' }) sha256: string;
  @ApiProperty() size: number;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
}

export class ArchiveItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ enum: ARCHIVE_KINDS }) kind: ArchiveKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) academicYearId: string | null;
  @ApiProperty({ type: String, nullable: true }) yearName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) classId: string | null;
  @ApiProperty({ type: String, nullable: true }) className: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) subjectId: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) periodId: string | null;
  @ApiProperty({ type: String, nullable: true }) periodName: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: [ManifestEntryView] }) manifest: ManifestEntryView[];
  @ApiProperty({ description: 'SHA-256 of the canonical manifest: the content address' }) manifestSha256: string;
  @ApiProperty({ example: '2032-05-31', description: 'Kept at least until this day (R-ARC-02: 5 years, R-ARC-03: 25 years)' }) retentionUntil: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) disposedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) disposalActId: string | null;
}

export class ArchiveItemListView {
  @ApiProperty({ type: [ArchiveItemView] }) items: ArchiveItemView[];
  @ApiProperty() total: number;
}

export class BuildPackagesDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() academicYearId: string;
  @ApiProperty({ required: false, format: 'uuid', description: 'Only this class' }) @IsOptional() @IsUUID() classId?: string;
  @ApiProperty({ required: false, enum: ['journal_package', 'summary_sheet'], isArray: true, description: 'Default: both' })
  @IsOptional() @IsArray() @IsIn(['journal_package', 'summary_sheet'], { each: true }) kinds?: ('journal_package' | 'summary_sheet')[];
}

export class BuildResultView {
  @ApiProperty({ description: 'Items written now' }) created: number;
  @ApiProperty({ description: 'Items that already existed with the same content (nothing written)' }) existing: number;
  @ApiProperty({ type: [ArchiveItemView] }) items: ArchiveItemView[];
}

export class PrintoutDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() classId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() subjectId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() periodId: string;
}

export class BlockerView {
  @ApiProperty({ enum: ['open_change_requests', 'missing_topics', 'missing_period_marks', 'missing_annual_marks', 'open_periods', 'year_not_ended', 'year_not_open'] })
  code: string;
  @ApiProperty({ description: 'hard: closing is refused; soft: closing needs override with the director\'s order as reason; info: closing resolves it' })
  severity: 'hard' | 'soft' | 'info';
  @ApiProperty() count: number;
  @ApiProperty() message: string;
  @ApiProperty({ description: 'Up to 20 examples', type: 'array', items: { type: 'object', additionalProperties: true } })
  samples: Record<string, unknown>[];
}

export class PreflightView {
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() yearName: string;
  @ApiProperty({ enum: ['planned', 'open', 'closed'] }) status: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'No hard blockers (soft ones need override)' }) canClose: boolean;
  @ApiProperty({ description: 'No blockers at all except info' }) clean: boolean;
  @ApiProperty({ type: [BlockerView] }) blockers: BlockerView[];
}

export class CloseYearDto {
  @ApiProperty({ description: 'Version of the academic year (optimistic lock)' }) @IsInt() version: number;
  @ApiProperty({ required: false, description: 'Close despite soft blockers (missing topics or marks); needs a reason' }) @IsOptional() @IsBoolean() override?: boolean;
  @ApiProperty({ required: false, type: String, nullable: true, description: 'The director\'s order (002 §3.1.15) and why, required with override' })
  @IsOptional() @IsString() @MaxLength(1000) reason?: string | null;
  @ApiProperty({ required: false, description: 'Build the archive packages and summary sheets right away (default true)' }) @IsOptional() @IsBoolean() build?: boolean;
  @ApiProperty({ required: false, description: 'Answer once the summary sheets are built and build the journal packages in the background '
    + '(a large school has hundreds; POST /archive/packages/build completes whatever an interrupted build left out)' })
  @IsOptional() @IsBoolean() packagesInBackground?: boolean;
}

export class ReopenYearDto {
  @ApiProperty() @IsInt() version: number;
  @ApiProperty({ description: 'Why the year is reopened' }) @IsString() @MinLength(5) @MaxLength(1000) reason: string;
}

export class YearClosingView {
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ enum: ['planned', 'open', 'closed'] }) status: string;
  @ApiProperty() version: number;
  @ApiProperty() periodsClosed: number;
  @ApiProperty({ type: BuildResultView, nullable: true }) build: BuildResultView | null;
  @ApiProperty({ description: 'The journal packages are still being built in the background' }) packagesPending: boolean;
}

export class YearClosingEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['close', 'reopen'] }) action: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() overridden: boolean;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty() at: string;
}

export class DisposalDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ type: [String], format: 'uuid' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsUUID('all', { each: true }) itemIds: string[];
  @ApiProperty({ description: 'Basis of the disposal (expert commission decision etc.)' }) @IsString() @Length(5, 1000) reason: string;
  @ApiProperty({ description: 'The director confirms the act (must be true)' }) @IsBoolean() confirm: boolean;
}

export class DisposalResultView {
  @ApiProperty({ type: ArchiveItemView }) act: ArchiveItemView;
  @ApiProperty() number: number;
  @ApiProperty() disposed: number;
}
