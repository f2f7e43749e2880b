import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { GENDERS } from '@otmetka/contracts';

export const NAME = /^[A-Za-zА-Яа-яЁё' -]+$/;
export const NAME_MESSAGE = 'must contain letters, spaces, hyphens or apostrophes only';

/** Name and contacts of a person, shared by staff, student, parent and interested-person DTOs. */
export class PersonFieldsDto {
  @ApiProperty({ example: 'Иванова' }) @IsString() @Length(1, 100) @Matches(NAME, { message: `lastName ${NAME_MESSAGE}` }) lastName: string;
  @ApiProperty({ example: 'Мария' }) @IsString() @Length(1, 100) @Matches(NAME, { message: `firstName ${NAME_MESSAGE}` }) firstName: string;
  @ApiPropertyOptional({ example: 'Петровна' }) @IsOptional() @IsString() @Length(1, 100) @Matches(NAME, { message: `middleName ${NAME_MESSAGE}` }) middleName?: string;
  @ApiPropertyOptional({ example: '2015-03-14' }) @IsOptional() @IsDateString({ strict: true }) birthDate?: string;
  @ApiPropertyOptional({ enum: GENDERS }) @IsOptional() @IsIn(GENDERS as unknown as string[]) gender?: 'male' | 'female';
  @ApiPropertyOptional({ example: 'ivanova@example.ru' }) @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ example: '+79001234567' }) @IsOptional() @Matches(/^\+?[0-9 ()-]{5,20}$/, { message: 'phone must be a phone number' }) phone?: string;
}

export class PersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() lastName: string;
  @ApiProperty() firstName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) middleName: string | null;
  @ApiProperty({ example: 'Иванова Мария Петровна' }) fullName: string;
}
