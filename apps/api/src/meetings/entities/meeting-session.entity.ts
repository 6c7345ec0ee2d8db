import type { SessionStatus } from '@kindred/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One occurrence of a meeting, stored once it is needed (RSVP, join, status push). */
@Entity({ name: 'meeting_sessions' })
export class MeetingSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ name: 'ended_early_at', type: 'timestamptz', nullable: true })
  endedEarlyAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  cancelled!: boolean;

  /** The last status pushed to the room, so the scheduler announces each change once. */
  @Column({ name: 'announced_status', type: 'varchar', length: 16, default: 'scheduled' })
  announcedStatus!: SessionStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
