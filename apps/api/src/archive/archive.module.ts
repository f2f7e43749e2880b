import { Module } from '@nestjs/common';
import { ArchivePackagesModule } from './packages/packages.module';
import { BackupsModule } from './backups/backups.module';

/** DESIGN `archive`: year closing, archive packages, summary sheets, printouts, backups, integrity (R-ARC-01 … R-ARC-07). */
@Module({
  imports: [ArchivePackagesModule, BackupsModule],
})
export class ArchiveModule {}
