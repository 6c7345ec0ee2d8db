import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { SessionStatus } from '@kindred/contracts';
import { DataSource, Repository } from 'typeorm';
import { MeetingSessionEntity } from './entities/meeting-session.entity.js';

/** Meeting occurrences and RSVPs. */
@Injectable()
export class SessionsRepository {
  constructor(
    @InjectRepository(MeetingSessionEntity) private readonly repo: Repository<MeetingSessionEntity>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** The stored row of an occurrence, created on first need (unique per meeting and start). */
  async ensure(meetingId: string, startsAt: Date, endsAt: Date): Promise<MeetingSessionEntity> {
    await this.db.query(
      `INSERT INTO meeting_sessions (meeting_id, starts_at, ends_at) VALUES ($1, $2, $3)
       ON CONFLICT (meeting_id, starts_at) DO NOTHING`,
      [meetingId, startsAt, endsAt],
    );
    return this.repo.findOneOrFail({ where: { meetingId, startsAt } });
  }

  /**
   * The member's alias in this session: the one they already have, or the first candidate no
   * other member of the session carries (the unique constraint decides between two at once).
   */
  async assignAlias(sessionId: string, userId: string, candidates: string[]): Promise<string> {
    const own = async (): Promise<string | null> => {
      const rows: Array<{ alias: string }> = await this.db.query(
        `SELECT alias FROM meeting_session_aliases WHERE session_id = $1 AND user_id = $2`,
        [sessionId, userId],
      );
      return rows[0]?.alias ?? null;
    };
    const existing = await own();
    if (existing) return existing;
    for (const alias of candidates) {
      await this.db.query(
        `INSERT INTO meeting_session_aliases (session_id, user_id, alias) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [sessionId, userId, alias],
      );
      const mine = await own();
      if (mine) return mine;
    }
    throw new Error('No free alias could be found in this session');
  }

  findById(id: string): Promise<MeetingSessionEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  /** Stored occurrences of these meetings that end after `from` (cancelled ones included). */
  findEndingAfter(meetingIds: string[], from: Date): Promise<MeetingSessionEntity[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.repo
      .createQueryBuilder('s')
      .where('s.meeting_id = ANY(:ids::uuid[])', { ids: meetingIds })
      .andWhere('s.ends_at > :from', { from })
      .getMany();
  }

  async cancel(id: string): Promise<void> {
    await this.repo.update({ id }, { cancelled: true });
  }

  /** Marks a session ended now; null when it had already ended early. */
  async endEarly(id: string, at: Date): Promise<MeetingSessionEntity | null> {
    const rows: Array<{ id: string }> = await this.db.query(
      `UPDATE meeting_sessions SET ended_early_at = $2, announced_status = 'ended'
       WHERE id = $1 AND ended_early_at IS NULL RETURNING id`,
      [id, at],
    );
    return rows.length > 0 ? this.findById(id) : null;
  }

  /** Records that a status was pushed; false when another process got there first. */
  async markAnnounced(id: string, from: SessionStatus, to: SessionStatus): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `UPDATE meeting_sessions SET announced_status = $3 WHERE id = $1 AND announced_status = $2 RETURNING id`,
      [id, from, to],
    );
    return rows.length > 0;
  }

  /** Sessions announced as lobby or live, to push their end. */
  findAnnouncedOpen(): Promise<MeetingSessionEntity[]> {
    return this.repo.createQueryBuilder('s').where(`s.announced_status IN ('lobby', 'live')`).getMany();
  }

  /** After a duration change, occurrences that have not started follow the new length. */
  async updateFutureEnds(meetingId: string, durationMinutes: number, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE meeting_sessions SET ends_at = starts_at + make_interval(mins => $2)
       WHERE meeting_id = $1 AND starts_at > $3`,
      [meetingId, durationMinutes, now],
    );
  }

  // ------------------------------------------------------------ RSVPs

  async addRsvp(sessionId: string, userId: string): Promise<void> {
    await this.db.query(`INSERT INTO meeting_rsvps (session_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      sessionId,
      userId,
    ]);
  }

  async removeRsvp(sessionId: string, userId: string): Promise<void> {
    await this.db.query(`DELETE FROM meeting_rsvps WHERE session_id = $1 AND user_id = $2`, [sessionId, userId]);
  }

  /** sessionId → { count, viewer RSVP'd }. */
  async rsvpSummary(
    sessionIds: string[],
    viewerId: string | null,
  ): Promise<Map<string, { count: number; mine: boolean }>> {
    const result = new Map<string, { count: number; mine: boolean }>();
    if (sessionIds.length === 0) return result;
    const rows: Array<{ session_id: string; count: string; mine: boolean }> = await this.db.query(
      `SELECT session_id, count(*) AS count, coalesce(bool_or(user_id = $2), false) AS mine
       FROM meeting_rsvps WHERE session_id = ANY($1::uuid[]) GROUP BY session_id`,
      [sessionIds, viewerId],
    );
    for (const row of rows) result.set(row.session_id, { count: Number(row.count), mine: row.mine });
    return result;
  }

  async rsvpUserIds(sessionId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await this.db.query(
      `SELECT user_id FROM meeting_rsvps WHERE session_id = $1`,
      [sessionId],
    );
    return rows.map((r) => r.user_id);
  }
}
