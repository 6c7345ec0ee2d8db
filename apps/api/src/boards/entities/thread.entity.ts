import type { ContentStatus } from '@kindred/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Mapped for the schema's sake; the boards repositories read and write threads with SQL. */
@Entity({ name: 'threads' })
export class ThreadEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'board_id', type: 'uuid' })
  boardId!: string;

  /** Null once the author closed their account ("former member"). */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @Column({ type: 'varchar', length: 150 })
  title!: string;

  @Column({ name: 'content_warning', type: 'varchar', length: 100, nullable: true })
  contentWarning!: string | null;

  @Column({ type: 'boolean', default: false })
  pinned!: boolean;

  @Column({ type: 'boolean', default: false })
  locked!: boolean;

  @Column({ type: 'varchar', length: 16, default: 'published' })
  status!: ContentStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'boolean' })
  anonymous!: boolean;

  @Column({ name: 'reply_count', type: 'int', default: 0 })
  replyCount!: number;

  @Column({ name: 'opening_post_id', type: 'uuid', nullable: true })
  openingPostId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_activity_at', type: 'timestamptz' })
  lastActivityAt!: Date;
}
