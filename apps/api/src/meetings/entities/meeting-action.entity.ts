import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MeetingActionKind =
  | 'message.remove'
  | 'participant.mute'
  | 'participant.unmute'
  | 'participant.remove'
  | 'meeting.slowmode'
  | 'meeting.end'
  | 'hand.call'
  | 'meeting.create'
  | 'meeting.update'
  | 'meeting.cancel'
  | 'session.cancel';

/** Every facilitator and moderator action, for the moderation log. */
@Entity({ name: 'meeting_actions' })
export class MeetingActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  action!: MeetingActionKind;

  @Column({ name: 'target_display_name', type: 'varchar', length: 64, nullable: true })
  targetDisplayName!: string | null;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
