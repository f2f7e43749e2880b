import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';

export const SLIP_AUDIENCES = ['parents', 'students', 'all'] as const;
export type SlipAudience = (typeof SLIP_AUDIENCES)[number];

export class IssueCredentialSlipsDto {
  @ApiProperty({ enum: SLIP_AUDIENCES, example: 'parents', description: 'Whose credentials to issue: the parents, the students (aged 14+) or both' })
  @IsIn(SLIP_AUDIENCES as unknown as string[]) audience: SlipAudience;
  @ApiProperty({ example: true, description: 'true: only people without an account; false: also reset the passwords of those who have one' })
  @IsBoolean() onlyMissing: boolean;
}
