import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';

export class CreateSubgroupDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() classId: string;
  @ApiProperty({ example: 'Английский язык' }) @IsString() @Length(1, 200) subjectName: string;
  @ApiProperty({ example: '1 группа' }) @IsString() @Length(1, 100) name: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Person id of the teacher who keeps this group\'s record' }) @IsOptional() @IsUUID() teacherId?: string;
  @ApiProperty({ type: [String], format: 'uuid' }) @IsArray() @ArrayUnique() @ArrayMaxSize(60) @IsUUID('all', { each: true }) studentIds: string[];
}

export class UpdateSubgroupDto {
  @ApiPropertyOptional({ example: '2 группа' }) @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsUUID() teacherId?: string | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(60) @IsUUID('all', { each: true }) studentIds?: string[];
  @ApiProperty({ example: 1 }) @IsInt() version: number;
}

export class SubgroupView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty() subjectName: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) teacherId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) teacherName: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) studentIds: string[];
  @ApiProperty() version: number;
}
