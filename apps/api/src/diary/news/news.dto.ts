import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

const NOT_BLANK = /\S/;

export class CreateNewsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ example: 'Родительское собрание 5 декабря' })
  @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'title must not be blank' }) title: string;
  @ApiProperty({ example: 'Собрание начнётся в 18:00 в актовом зале.' })
  @IsString() @Length(1, 10000) @Matches(NOT_BLANK, { message: 'body must not be blank' }) body: string;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 5, description: 'Audience: from this grade (none = the whole school)' })
  @IsOptional() @IsInt() @Min(0) @Max(12) gradeFrom?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 9, description: 'Audience: up to this grade' })
  @IsOptional() @IsInt() @Min(0) @Max(12) gradeTo?: number | null;
}

export class UpdateNewsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'title must not be blank' }) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 10000) @Matches(NOT_BLANK, { message: 'body must not be blank' }) body?: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(12) gradeFrom?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(12) gradeTo?: number | null;
}

export class NewsView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 'Родительское собрание 5 декабря' }) title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: Number, nullable: true }) gradeFrom: number | null;
  @ApiProperty({ type: Number, nullable: true }) gradeTo: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'Админова Тест' }) authorName: string | null;
  @ApiProperty({ example: '2026-11-30T09:00:00.000Z' }) publishedAt: string;
  @ApiProperty() archived: boolean;
}
