import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { MOVEMENT_KINDS } from '@otmetka/contracts';

export class CreateMovementDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() studentId: string;
  @ApiProperty({ enum: MOVEMENT_KINDS, example: 'transfer_within' }) @IsIn(MOVEMENT_KINDS as unknown as string[]) kind: 'enrol' | 'transfer_within' | 'transfer_out' | 'expel';
  @ApiProperty({ example: '2026-11-16' }) @IsDateString({ strict: true }) date: string;
  @ApiProperty({ example: '87-у' }) @IsString() @Length(1, 50) orderNumber: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Target class (enrol, transfer_within)' }) @IsOptional() @IsUUID() toClassId?: string;
  @ApiPropertyOptional({ example: 'МБОУ СОШ № 3 г. Твери', description: 'Where the student goes (transfer_out)' })
  @IsOptional() @IsString() @Length(1, 300) destination?: string;
  @ApiPropertyOptional({ example: 'Заявление родителей' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class MovementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty() studentName: string;
  @ApiProperty({ enum: [...MOVEMENT_KINDS, 'promote', 'graduate'] }) kind: string;
  @ApiProperty() occurredOn: string;
  @ApiProperty() orderNumber: string;
  @ApiPropertyOptional({ type: String, nullable: true }) fromClassId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) fromClassName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) toClassId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) toClassName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) destination: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
}
