import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from './auth/decorators';

class HealthView {
  @ApiProperty({ example: 'ok' }) status: 'ok';
  @ApiProperty({ example: 'ok' }) database: 'ok';
  @ApiProperty({ example: '0.1.0' }) version: string;
  @ApiProperty({ example: 12.3 }) uptimeSeconds: number;
}

@ApiTags('platform')
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiOkResponse({ type: HealthView })
  async health(): Promise<HealthView> {
    await this.db.query('SELECT 1');
    return { status: 'ok', database: 'ok', version: process.env.npm_package_version ?? '0.1.0', uptimeSeconds: Math.round(process.uptime() * 10) / 10 };
  }
}
