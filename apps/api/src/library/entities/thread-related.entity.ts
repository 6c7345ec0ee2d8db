import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A section matched to a thread when it was created or its opening post edited. */
@Entity({ name: 'thread_related' })
export class ThreadRelatedEntity {
  @PrimaryColumn({ name: 'thread_id', type: 'uuid' })
  threadId!: string;

  @PrimaryColumn({ type: 'int' })
  position!: number;

  @Column({ name: 'section_id', type: 'uuid' })
  sectionId!: string;

  /** A few words of the section around the matched terms, plain text. */
  @Column({ type: 'text' })
  snippet!: string;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt!: Date;
}
