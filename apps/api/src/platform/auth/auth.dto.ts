import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { INTEGRATION_SCOPES, ROLES } from '@otmetka/contracts';

export class LoginDto {
  @ApiProperty({ example: 'admin', description: 'Login (identifier), case-insensitive' })
  @IsString() @Length(1, 200) login: string;

  @ApiProperty({ example: 'demo-admin' })
  @IsString() @Length(1, 200) password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh; each is usable once' })
  @IsString() @Length(20, 200) refreshToken: string;
}

export class TokenPairView {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 900 }) expiresIn: number;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
}

export class MembershipView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 'Школа № 17' }) schoolName: string;
  @ApiProperty({ example: 'Europe/Moscow' }) timeZone: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
}

export class ChildView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 'Иванов Пётр' }) name: string;
  @ApiPropertyOptional({ type: String, example: '5А', nullable: true }) className: string | null;
  @ApiProperty({ enum: ['self', 'parent', 'interested_person'] }) relation: string;
}

export class MeView {
  @ApiProperty({ format: 'uuid', description: 'Stable UID of the participant' }) userId: string;
  @ApiProperty({ example: 'admin' }) login: string;
  @ApiProperty({ enum: ['user', 'integration'] }) kind: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) personId: string | null;
  @ApiProperty({ example: 'Смирнова Анна Викторовна' }) fullName: string;
  @ApiProperty({ type: [MembershipView] }) memberships: MembershipView[];
  @ApiProperty({ type: [ChildView], description: 'Students whose diary the caller may read' }) children: ChildView[];
}

export class CreateIntegrationTokenDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ example: 'Региональная система отчётности' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: INTEGRATION_SCOPES, isArray: true, example: ['roster:read'] })
  @IsArray() @ArrayNotEmpty() @IsIn(INTEGRATION_SCOPES as unknown as string[], { each: true }) scopes: string[];
}

export class IntegrationTokenView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty() name: string;
  @ApiProperty({ isArray: true, enum: INTEGRATION_SCOPES }) scopes: string[];
  @ApiProperty({ example: 'otm_AbCd', description: 'First characters, to recognise the token' }) tokenPrefix: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) lastUsedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) revokedAt: string | null;
}

export class CreatedIntegrationTokenView extends IntegrationTokenView {
  @ApiProperty({ description: 'The token itself; shown once, stored only as a hash' }) token: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @Length(1, 200) currentPassword: string;
  @ApiProperty({ minLength: 8 }) @IsString() @Length(8, 200) @MaxLength(200) newPassword: string;
}
