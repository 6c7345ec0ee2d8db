import type { Locale } from '@kindred/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A board's name and description in other languages ({ "es": { "name": …, "description": … } }):
 * `name` and `description` are the English (or the admin's own words); a reader whose language
 * has a translation reads that (migration 1765600001000).
 */
export type BoardTranslations = Partial<Record<Locale, { name?: string; description?: string }>>;

@Entity({ name: 'boards' })
export class BoardEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 60, unique: true })
  slug!: string;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  description!: string;

  @Column({ type: 'jsonb', default: {} })
  translations!: BoardTranslations;

  @Column({ type: 'int', default: 0 })
  position!: number;

  @Column({ type: 'boolean', default: false })
  archived!: boolean;

  @Column({ name: 'thread_count', type: 'int', default: 0 })
  threadCount!: number;

  @Column({ name: 'last_activity_at', type: 'timestamptz', nullable: true })
  lastActivityAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
