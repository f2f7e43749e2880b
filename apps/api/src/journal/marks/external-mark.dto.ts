import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MARK_VALUES } from '@otmetka/contracts';
import { IsDateString, IsIn, IsString, IsUUID, Length, Matches } from 'class-validator';

const NOT_BLANK = /\S/;

/** R-JRN-09: a mark transferred from another institution with the document it rests on. */
export class CreateExternalMarkDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() studentId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() subjectId: string;
  @ApiProperty({ example: '2026-11-20', description: 'When the mark was given there; not in the future' }) @IsDateString({ strict: true }) date: string;
  @ApiProperty({ enum: MARK_VALUES, example: '4' }) @IsIn(MARK_VALUES) value: string;
  @ApiProperty({ example: 'control', description: 'A work type code of the school; its weight is applied' }) @IsString() @Length(1, 40) workType: string;
  @ApiProperty({ example: 'МБОУ «Школа при областной детской больнице»' })
  @IsString() @Length(1, 300) @Matches(NOT_BLANK, { message: 'institution must not be blank' }) institution: string;
  @ApiProperty({ example: 'Справка об обучении № 17 от 25.11.2026' })
  @IsString() @Length(1, 500) @Matches(NOT_BLANK, { message: 'basisDocument must not be blank' }) basisDocument: string;
}

export class ExternalMarkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ example: '2026-11-20' }) date: string;
  @ApiProperty({ enum: MARK_VALUES }) value: string;
  @ApiProperty({ example: 'control' }) workType: string;
  @ApiProperty({ example: 2 }) weight: number;
  @ApiProperty({ example: 'МБОУ «Школа при областной детской больнице»' }) institution: string;
  @ApiProperty({ example: 'Справка об обучении № 17 от 25.11.2026' }) basisDocument: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'User who recorded it' }) createdBy: string | null;
  @ApiProperty({ example: '2026-11-30T09:00:00.000Z' }) createdAt: string;
}
