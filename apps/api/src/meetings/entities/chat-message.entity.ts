import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'chat_messages' })
export class ChatMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  /** Never sent to clients; null once the account is deleted. */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  /** The alias or username shown at send time. */
  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName!: string;

  @Column({ name: 'is_facilitator', type: 'boolean', default: false })
  isFacilitator!: boolean;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ type: 'text' })
  body!: string;

  /** `blocked`: refused by the safety rules, kept only for the moderation queue (never delivered). */
  @Column({ type: 'varchar', length: 8, default: 'visible' })
  status!: 'visible' | 'removed' | 'blocked';

  @Column({ name: 'removed_reason', type: 'varchar', length: 500, nullable: true })
  removedReason!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
