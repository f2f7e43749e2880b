import { ApiProperty } from '@nestjs/swagger';

export class ClassFreshnessView {
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ example: '2026/2027' }) academicYearName: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-30T09:15:00.000Z',
    description: 'The last time anything in the class journal changed (lessons, marks, attendance); null if nothing was ever entered' })
  lastUpdatedAt: string | null;
}
