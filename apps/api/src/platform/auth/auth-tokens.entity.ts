import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A rotating refresh token; a reused one revokes its whole family (R-SEC-01). */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('uuid') familyId: string;
  @Column() tokenHash: string;
  @Column('timestamptz') expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}

/** R-API-02: a third-party integration token, stored hashed, shown once. */
@Entity('integration_tokens')
export class IntegrationToken {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column() name: string;
  @Column('text', { array: true }) scopes: string[];
  @Column() tokenPrefix: string;
  @Column() tokenHash: string;
  @Column('uuid') createdBy: string;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
