import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  Logger as WorkerLogger,
  parseCronItems,
  run,
  runMigrations,
  type CronItem,
  type Runner,
  type Task,
} from 'graphile-worker';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

export type JobHandler = (payload: unknown) => Promise<void>;

/** Late enqueues that raced the first drain are moved this long after start-up. */
const SECOND_DRAIN_MS = 10_000;

const DRAIN_BACKLOG = `
  WITH moved AS (DELETE FROM job_backlog RETURNING identifier, payload, job_key, id)
  SELECT count(graphile_worker.add_job(identifier, payload, max_attempts := 10, job_key := job_key)) AS n
  FROM (SELECT * FROM moved ORDER BY id) m`;

/**
 * Durable background jobs in PostgreSQL (graphile-worker). Jobs are enqueued in SQL, by
 * `kindred_add_job()` from a trigger inside the transaction of the change they follow, so a
 * crash after commit cannot lose one. Every API process runs a worker: they share the work
 * through `SKIP LOCKED`, each job runs once (a failed one is retried with backoff), and
 * LISTEN/NOTIFY wakes a worker at once. Features register their tasks in onModuleInit.
 *
 * Start-up does not wait for the queue: installing graphile-worker's schema on a new database
 * takes a moment, and jobs enqueued meanwhile wait in `job_backlog` until it is moved over.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private readonly tasks: Record<string, Task> = {};
  private readonly cronItems: CronItem[] = [];
  private pool: pg.Pool | null = null;
  private runner: Runner | null = null;
  private starting: Promise<void> | null = null;
  private drainTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(name: string, handler: JobHandler): void {
    this.tasks[name] = (payload) => handler(payload);
  }

  /**
   * A task graphile-worker schedules itself (crontab syntax, UTC). Across several processes each
   * tick runs once (its cron keeps one row per identifier); a tick missed while every process
   * was down is run at the next start when it is within `backfillHours`.
   */
  schedule(name: string, match: string, handler: JobHandler, backfillHours = 0): void {
    this.register(name, handler);
    this.cronItems.push({
      task: name,
      identifier: name,
      match,
      options: backfillHours > 0 ? { backfillPeriod: backfillHours * 3_600_000 } : {},
    });
  }

  /** Resolves once the worker runs (tests and the CLI wait for it; requests never do). */
  ready(): Promise<void> {
    return this.starting ?? Promise.resolve();
  }

  onApplicationBootstrap(): void {
    this.starting = this.start().catch((error: Error) => {
      this.logger.error(`The job queue did not start: ${error.message}. Jobs wait in the database until it does.`);
    });
  }

  private async start(): Promise<void> {
    const url = (this.db.options as { url?: string }).url;
    if (!url) throw new Error('the job queue needs the database URL');
    const pool = new pg.Pool({
      connectionString: url,
      max: Math.max(2, Math.min(this.config.jobConcurrency + 1, 5)),
      idleTimeoutMillis: 10_000,
    });
    this.pool = pool;
    const warn = (error: Error): void => this.logger.warn(`Job queue connection: ${error.message}`);
    pool.on('error', warn);
    pool.on('connect', (client) => client.on('error', warn));
    const logger = new WorkerLogger(() => (level, message) => {
      if (level === 'error') this.logger.error(message);
      else if (level === 'warning') this.logger.warn(message);
      else this.logger.debug(message);
    });
    await runMigrations({ pgPool: pool, logger });
    if (this.stopped) return;
    await this.drain();
    this.drainTimer = setTimeout(() => void this.drain(), SECOND_DRAIN_MS);
    this.drainTimer.unref();
    if (this.config.jobConcurrency === 0) return;
    this.runner = await run({
      pgPool: pool,
      logger,
      concurrency: this.config.jobConcurrency,
      noHandleSignals: true,
      pollInterval: 2000,
      parsedCronItems: parseCronItems(this.cronItems),
      taskList: this.tasks,
    });
  }

  private async drain(): Promise<void> {
    try {
      const rows: Array<{ n: string }> = (await this.pool?.query(DRAIN_BACKLOG))?.rows ?? [];
      const moved = Number(rows[0]?.n ?? 0);
      if (moved > 0) this.logger.log(`Moved ${moved} waiting job(s) into the job queue.`);
    } catch (error) {
      this.logger.warn(`Could not move waiting jobs yet: ${(error as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.drainTimer) clearTimeout(this.drainTimer);
    await this.starting;
    const runner = this.runner;
    this.runner = null;
    if (runner) await runner.stop().catch((error: Error) => this.logger.warn(`Job queue stop: ${error.message}`));
    await this.pool?.end().catch(() => undefined);
    this.pool = null;
  }
}
