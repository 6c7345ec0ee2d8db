import type { ContentStatus } from '@kindred/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Mapped for the schema's sake; the boards repositories read and write posts with SQL. */
@Entity({ name: 'posts' })
export class PostEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId!: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @Column({ type: 'boolean' })
  anonymous!: boolean;

  /** The per-thread alias, stored so it never changes once shown. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  alias!: string | null;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text' })
  html!: string;

  @Column({ name: 'reply_to_id', type: 'uuid', nullable: true })
  replyToId!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'published' })
  status!: ContentStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ name: 'content_warning', type: 'varchar', length: 100, nullable: true })
  contentWarning!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt!: Date | null;
}
