import type { WatchedWordAction } from '@kindred/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'watched_words' })
export class WatchedWordEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  pattern!: string;

  @Column({ type: 'varchar', length: 8 })
  action!: WatchedWordAction;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
