import type { ReactionKind } from '@kindred/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'reactions' })
export class ReactionEntity {
  @PrimaryColumn({ name: 'post_id', type: 'uuid' })
  postId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind!: ReactionKind;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
