import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { PersonFieldsDto } from '../people/person.dto';

export const GUARDIAN_RELATIONS = ['parent', 'mother', 'father', 'guardian', 'trustee', 'other'] as const;

export class GuardianLinkDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() studentId: string;
  @ApiProperty({ enum: GUARDIAN_RELATIONS, example: 'mother' }) @IsIn(GUARDIAN_RELATIONS as unknown as string[]) relation: string;
}

export class CreateGuardianDto extends PersonFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ type: [GuardianLinkDto] }) @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => GuardianLinkDto) students: GuardianLinkDto[];
  @ApiPropertyOptional({ example: 'З-2026/041', description: 'Registration number of the access application (R-ROS-04)' })
  @IsOptional() @IsString() @Length(1, 50) applicationNumber?: string;
  @ApiPropertyOptional({ example: '2026-08-28' }) @IsOptional() @IsDateString({ strict: true }) applicationDate?: string;
  @ApiPropertyOptional({ example: 'Паспорт 28 10 123456', description: 'Identity document checked when the application was accepted' })
  @IsOptional() @IsString() @Length(1, 200) identityDocument?: string;
}

export class UpdateGuardianDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) lastName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) firstName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100) middleName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 40) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 200) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) applicationNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }) applicationDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) identityDocument?: string;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class GuardianChildView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() relation: string;
  @ApiPropertyOptional({ type: String, nullable: true }) className: string | null;
}

export class GuardianView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() firstName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) middleName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) phone: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) email: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) login: string | null;
  @ApiProperty({ type: [GuardianChildView] }) students: GuardianChildView[];
  @ApiPropertyOptional({ type: String, nullable: true }) applicationNumber: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) applicationDate: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) identityDocument: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) identityCheckedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) identityCheckedByName: string | null;
  @ApiProperty() version: number;
}

export class CreateInterestedPersonDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() studentId: string;
  @ApiProperty({ example: 'Петрова' }) @IsString() @Length(1, 100) lastName: string;
  @ApiProperty({ example: 'Анна' }) @IsString() @Length(1, 100) firstName: string;
  @ApiPropertyOptional({ example: 'Ивановна' }) @IsOptional() @IsString() @Length(1, 100) middleName?: string;
  @ApiPropertyOptional({ example: '+79001112233' }) @IsOptional() @IsString() @Length(3, 200) contact?: string;
  @ApiPropertyOptional({ example: '2027-05-31', description: 'Last day of access; open-ended when omitted' })
  @IsOptional() @IsDateString({ strict: true }) validUntil?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Designating parent (admin only; a parent designates as themself)' })
  @IsOptional() @IsUUID() guardianId?: string;
}

export class InterestedPersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) contact: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) validUntil: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) revokedAt: string | null;
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) login: string | null;
}

export class CreatedInterestedPersonView extends InterestedPersonView {
  @ApiProperty({ description: 'Shown once' }) initialPassword: string;
}
