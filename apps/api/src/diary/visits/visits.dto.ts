import { ApiProperty } from '@nestjs/swagger';

export class VisitorView {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'Смирнова Анна Петровна' }) fullName: string;
  @ApiProperty({ description: 'Has a diary account at all' }) hasAccount: boolean;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-27', description: 'Last day (school time) of a diary visit' }) lastVisit: string | null;
  @ApiProperty({ description: 'Visited in the last 7 days' }) visitedRecently: boolean;
}

export class ParentVisitView extends VisitorView {
  @ApiProperty({ example: 'mother' }) relation: string;
}

export class StudentVisitView extends VisitorView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ type: [ParentVisitView] }) parents: ParentVisitView[];
}

export class ClassVisitsView {
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiProperty({ example: '2026-11-30' }) today: string;
  @ApiProperty({ example: '2026-11-24', description: 'First day of the 7-day window' }) since: string;
  @ApiProperty({ type: [StudentVisitView] }) students: StudentVisitView[];
  @ApiProperty({ type: [String], description: 'Students without a visit in the last 7 days' }) studentsNotVisiting: string[];
  @ApiProperty({ type: [String], description: 'Person ids of parents without a visit in the last 7 days' }) parentsNotVisiting: string[];
}
