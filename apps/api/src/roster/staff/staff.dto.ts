import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { STAFF_ROLES } from '@otmetka/contracts';
import { NAME, NAME_MESSAGE, PersonFieldsDto } from '../people/person.dto';

export class CreateStaffDto extends PersonFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ enum: STAFF_ROLES, isArray: true, example: ['teacher', 'class_teacher'] })
  @IsArray() @ArrayNotEmpty() @ArrayUnique() @ArrayMaxSize(6) @IsIn(STAFF_ROLES as unknown as string[], { each: true }) roles: string[];
  @ApiProperty({ example: 'Учитель математики' }) @IsString() @Length(2, 200) position: string;
  @ApiProperty({ example: '2026-08-25' }) @IsDateString({ strict: true }) startsOn: string;
  @ApiPropertyOptional({ example: '45-к' }) @IsOptional() @IsString() @Length(1, 50) hireOrderNumber?: string;
  @ApiPropertyOptional({ example: 'ivanova.mp', description: 'Login; built from the name when omitted' })
  @IsOptional() @Matches(/^[a-z0-9._-]{3,60}$/, { message: 'login must be 3–60 characters: a-z, 0-9, dot, underscore, hyphen' }) login?: string;
}

export class UpdateStaffDto {
  @ApiPropertyOptional({ enum: STAFF_ROLES, isArray: true })
  @IsOptional() @IsArray() @ArrayNotEmpty() @ArrayUnique() @IsIn(STAFF_ROLES as unknown as string[], { each: true }) roles?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 200) position?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) @Matches(NAME, { message: `lastName ${NAME_MESSAGE}` }) lastName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) @Matches(NAME, { message: `firstName ${NAME_MESSAGE}` }) firstName?: string;
  @ApiPropertyOptional({ description: 'An empty string clears it' }) @IsOptional() @ValidateIf((o: UpdateStaffDto) => o.middleName !== '')
  @IsString() @Length(1, 100) @Matches(NAME, { message: `middleName ${NAME_MESSAGE}` }) middleName?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\+?[0-9 ()-]{5,20}$/, { message: 'phone must be a phone number' }) phone?: string;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiPropertyOptional({ example: 'Приказ № 12-к' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class DismissStaffDto {
  @ApiProperty({ example: '2026-12-31' }) @IsDateString({ strict: true }) date: string;
  @ApiProperty({ example: '101-к' }) @IsString() @Length(1, 50) orderNumber: string;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiPropertyOptional({ example: 'По собственному желанию' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class StaffView {
  @ApiProperty({ format: 'uuid', description: 'Employment id' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'Иванова Мария Петровна' }) fullName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() firstName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) middleName: string | null;
  @ApiProperty({ enum: STAFF_ROLES, isArray: true }) roles: string[];
  @ApiProperty() position: string;
  @ApiProperty() startsOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) endsOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) login: string | null;
  @ApiProperty({ enum: ['active', 'dismissed'] }) status: string;
  @ApiProperty() version: number;
}

export class CreatedStaffView extends StaffView {
  @ApiProperty({ description: 'Initial password, shown once' }) initialPassword: string;
}
