import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository, type EntityManager } from 'typeorm';
import { MeetingEntity } from './entities/meeting.entity.js';

export type MeetingFields = Pick<
  MeetingEntity,
  | 'name'
  | 'description'
  | 'tags'
  | 'audience'
  | 'startsAt'
  | 'rrule'
  | 'timezone'
  | 'durationMinutes'
  | 'lobbyMinutes'
  | 'capacity'
  | 'slowModeSeconds'
>;

/** Meetings and their facilitators. */
@Injectable()
export class MeetingsRepository {
  constructor(
    @InjectRepository(MeetingEntity) private readonly repo: Repository<MeetingEntity>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async create(fields: MeetingFields, createdBy: string | null, facilitatorIds: string[]): Promise<MeetingEntity> {
    return this.db.transaction(async (m) => {
      const meeting = await m.save(MeetingEntity, m.create(MeetingEntity, { ...fields, createdBy }));
      await this.writeFacilitators(m, meeting.id, facilitatorIds);
      return meeting;
    });
  }

  async update(id: string, fields: Partial<MeetingFields>, facilitatorIds?: string[]): Promise<void> {
    await this.db.transaction(async (m) => {
      if (Object.keys(fields).length > 0) await m.update(MeetingEntity, { id }, fields);
      else await m.query(`UPDATE meetings SET updated_at = now() WHERE id = $1`, [id]);
      if (facilitatorIds) {
        await m.query(`DELETE FROM meeting_facilitators WHERE meeting_id = $1`, [id]);
        await this.writeFacilitators(m, id, facilitatorIds);
      }
    });
  }

  private async writeFacilitators(m: EntityManager, meetingId: string, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await m.query(
      `INSERT INTO meeting_facilitators (meeting_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [meetingId, userIds],
    );
  }

  /** Creates the example meeting on a fresh install only (never again once any meeting exists). */
  async createIfNoMeetings(fields: MeetingFields): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO meetings (name, description, tags, audience, starts_at, rrule, timezone, duration_minutes,
                             lobby_minutes, capacity, slow_mode_seconds)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
       WHERE NOT EXISTS (SELECT 1 FROM meetings) RETURNING id`,
      [
        fields.name,
        fields.description,
        fields.tags,
        fields.audience,
        fields.startsAt,
        fields.rrule,
        fields.timezone,
        fields.durationMinutes,
        fields.lobbyMinutes,
        fields.capacity,
        fields.slowModeSeconds,
      ],
    );
    return rows.length > 0;
  }

  findActive(id: string): Promise<MeetingEntity | null> {
    return this.repo.findOne({ where: { id, cancelledAt: IsNull() } });
  }

  listActive(): Promise<MeetingEntity[]> {
    return this.repo.find({ where: { cancelledAt: IsNull() }, order: { startsAt: 'ASC' } });
  }

  findActiveByName(name: string): Promise<MeetingEntity | null> {
    return this.repo.findOne({ where: { name, cancelledAt: IsNull() } });
  }

  async cancel(id: string, at: Date): Promise<void> {
    await this.repo.update({ id }, { cancelledAt: at });
  }

  /** meetingId → facilitator usernames, alphabetical. */
  async facilitatorNames(meetingIds: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (meetingIds.length === 0) return result;
    const rows: Array<{ meeting_id: string; username: string }> = await this.db.query(
      `SELECT f.meeting_id, u.username FROM meeting_facilitators f JOIN users u ON u.id = f.user_id
       WHERE f.meeting_id = ANY($1::uuid[]) ORDER BY lower(u.username)`,
      [meetingIds],
    );
    for (const row of rows) result.set(row.meeting_id, [...(result.get(row.meeting_id) ?? []), row.username]);
    return result;
  }

  async isFacilitator(meetingId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM meeting_facilitators WHERE meeting_id = $1 AND user_id = $2`,
      [meetingId, userId],
    );
    return rows.length > 0;
  }

  /** The ids of the given usernames (case-insensitive); missing ones are absent from the map. */
  async userIdsByUsername(usernames: string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    if (usernames.length === 0) return result;
    const rows: Array<{ id: string; username: string }> = await this.db.query(
      `SELECT id, username FROM users WHERE lower(username) = ANY($1::text[])`,
      [usernames.map((u) => u.toLowerCase())],
    );
    for (const row of rows) result.set(row.username.toLowerCase(), row.id);
    return result;
  }

  async facilitatesAny(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM meeting_facilitators WHERE user_id = $1 LIMIT 1`, [
      userId,
    ]);
    return rows.length > 0;
  }

  /** The role name a facilitator chose (null until they choose one). */
  async facilitatorName(userId: string): Promise<string | null> {
    const rows: Array<{ name: string }> = await this.db.query(`SELECT name FROM facilitator_names WHERE user_id = $1`, [
      userId,
    ]);
    return rows[0]?.name ?? null;
  }

  async setFacilitatorName(userId: string, name: string): Promise<void> {
    await this.db.query(
      `INSERT INTO facilitator_names (user_id, name) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, updated_at = now()`,
      [userId, name],
    );
  }
}
