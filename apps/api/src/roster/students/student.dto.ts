import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { GENDERS } from '@otmetka/contracts';
import { PersonFieldsDto } from '../people/person.dto';

// birthDate and gender are required on a student's card; inheriting them would keep the parent's @IsOptional.
export class CreateStudentDto extends OmitType(PersonFieldsDto, ['birthDate', 'gender'] as const) {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ format: 'uuid', description: 'Class to enrol into' }) @IsUUID() classId: string;
  @ApiProperty({ example: '2015-03-14' }) @IsDateString({ strict: true }) birthDate: string;
  @ApiProperty({ enum: GENDERS }) @IsIn(GENDERS as unknown as string[]) gender: 'male' | 'female';
  @ApiPropertyOptional({ example: '112-233-445 95', description: 'Stored encrypted; never logged' })
  @IsOptional() @Matches(/^[\d\s-]{11,14}$/, { message: 'snils must look like 112-233-445 95' }) snils?: string;
  @ApiPropertyOptional({ example: 'Л-125' }) @IsOptional() @IsString() @Length(1, 50) personalFileNumber?: string;
  @ApiPropertyOptional({ example: 'г. Тверь, ул. Советская, д. 1, кв. 2' }) @IsOptional() @IsString() @Length(1, 500) address?: string;
  @ApiProperty({ example: '2026-09-01' }) @IsDateString({ strict: true }) enrolledOn: string;
  @ApiProperty({ example: '12-у', description: 'Number of the enrolment order' }) @IsString() @Length(1, 50) orderNumber: string;
}

export class UpdateStudentDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) lastName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) firstName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100) middleName?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }) birthDate?: string;
  @ApiPropertyOptional({ enum: GENDERS }) @IsOptional() @IsIn(GENDERS as unknown as string[]) gender?: 'male' | 'female';
  @ApiPropertyOptional({ example: '112-233-445 95' }) @IsOptional() @Matches(/^[\d\s-]{11,14}$/, { message: 'snils must look like 112-233-445 95' }) snils?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) personalFileNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) address?: string;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiPropertyOptional({ example: 'Смена фамилии, свидетельство …' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class StudentListItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'Петров Иван Сергеевич' }) fullName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() firstName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) middleName: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) classId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '5А' }) className: string | null;
  @ApiProperty({ enum: ['studying', 'left', 'graduated'] }) status: string;
}

export class StudentPage {
  @ApiProperty({ type: [StudentListItem] }) items: StudentListItem[];
  @ApiProperty() total: number;
}

export class StudentGuardianView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ example: 'mother' }) relation: string;
  @ApiPropertyOptional({ type: String, nullable: true }) phone: string | null;
}

export class EnrolmentView {
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiProperty({ example: '2026/2027' }) academicYear: string;
  @ApiProperty() startsOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) endsOn: string | null;
}

export class StudentCardView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() lastName: string;
  @ApiProperty() firstName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) middleName: string | null;
  @ApiProperty() fullName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) birthDate: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: GENDERS }) gender: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '112-233-445 95' }) snils: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) personalFileNumber: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ enum: ['studying', 'left', 'graduated'] }) status: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) classId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) className: string | null;
  @ApiProperty({ type: [StudentGuardianView] }) guardians: StudentGuardianView[];
  @ApiProperty({ type: [EnrolmentView] }) enrolments: EnrolmentView[];
  @ApiProperty() version: number;
}
