import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ImportErrorView {
  @ApiProperty({ example: 3, description: 'Line of the CSV file or row of the sheet; the header is line 1' }) line: number;
  @ApiProperty({ example: 'birthDate', description: 'Column, or empty for the whole row' }) field: string;
  @ApiProperty({ example: 'birthDate must be a date like 01.09.2026 or 2026-09-01' }) message: string;
}

export class ImportedAccountView {
  @ApiProperty({ example: 2 }) line: number;
  @ApiProperty({ example: 'Кузнецова Ольга Игоревна' }) fullName: string;
  @ApiProperty({ example: 'kuznetsova.oi' }) login: string;
  @ApiProperty({ description: 'Shown once' }) initialPassword: string;
}

export class ImportReportView {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ example: 120, description: 'Data rows in the file' }) total: number;
  @ApiProperty({ example: 118, description: 'Rows without errors' }) valid: number;
  @ApiProperty({ example: 0, description: 'Rows written (0 in a dry run)' }) created: number;
  @ApiProperty({ type: [ImportErrorView] }) errors: ImportErrorView[];
  @ApiPropertyOptional({ type: [ImportedAccountView], description: 'Staff imports: the accounts created, with one-time passwords' })
  accounts?: ImportedAccountView[];
}
