import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service.js';

/** The durable job queue every feature may register tasks with. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
