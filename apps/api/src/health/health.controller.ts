import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { HealthView } from '@kindred/contracts';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** 200 when the database answers within 1.5 s, 503 otherwise — it never hangs. */
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const db = await this.ping();
    if (db === 'down') res.status(503);
    return { status: db === 'up' ? 'ok' : 'degraded', db };
  }

  private async ping(): Promise<'up' | 'down'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'down'>((resolve) => {
      timer = setTimeout(() => resolve('down'), 1500);
    });
    const query = this.dataSource.query('SELECT 1').then(
      () => 'up' as const,
      () => 'down' as const,
    );
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
