import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from './platform/config/config';
import { Clock } from './platform/clock';
import { dataSourceOptions } from './platform/database/data-source';
import { ProblemFilter } from './platform/errors/problem.filter';
import { HealthController } from './platform/health.controller';
import { AuthModule } from './platform/auth/auth.module';
import { AuditModule } from './audit/audit.module';
import { RosterModule } from './roster/roster.module';
import { CurriculumModule } from './curriculum/curriculum.module';
import { JournalModule } from './journal/journal.module';
import { DiaryModule } from './diary/diary.module';
import { MonitoringModule } from './audit/monitoring/monitoring.module';
import { ControlChecksModule } from './audit/control-checks/control-checks.module';
import { ArchiveModule } from './archive/archive.module';

@Global()
@Module({})
class ConfigModule {
  static with(config: AppConfig): DynamicModule {
    // The Clock is global: every module reads `now` through it (tests fix it).
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }, Clock], exports: [APP_CONFIG, Clock] };
  }
}

/** The whole API for a validated config and a database URL. */
@Module({})
export class AppModule {
  static with(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.with(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrationsRun: false }),
        AuthModule,
        AuditModule,
        RosterModule,
        CurriculumModule,
        JournalModule,
        DiaryModule,
        MonitoringModule,
        ControlChecksModule,
        ArchiveModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
