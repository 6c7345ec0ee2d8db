import { isLocale, type Locale } from '@kindred/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Role } from '@kindred/contracts';
import { Repository, type EntityManager } from 'typeorm';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.repo.createQueryBuilder('u').where('lower(u.username) = lower(:username)', { username }).getOne();
  }

  create(fields: Pick<UserEntity, 'username' | 'passwordHash'>): Promise<UserEntity> {
    return this.repo.save(this.repo.create(fields));
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.repo.update({ id }, { role });
  }

  async setSuspendedUntil(id: string, until: Date | null): Promise<void> {
    await this.repo.update({ id }, { suspendedUntil: until });
  }

  /**
   * A suspension made through content: it only ever lengthens the one in force. Every suspension
   * goes through a post, so two decisions about two anonymous posts of one (unknown) author meet
   * here, and a later, shorter one must not undo an earlier ban. Returns the suspension now in force.
   */
  async extendSuspension(id: string, until: Date, m: EntityManager): Promise<Date | null> {
    // UPDATE … RETURNING answers [rows, affected] through TypeORM's driver.
    const [rows] = (await m.query(
      `UPDATE users SET suspended_until = GREATEST(coalesce(suspended_until, $2), $2) WHERE id = $1
       RETURNING suspended_until AS until`,
      [id, until],
    )) as [Array<{ until: Date | null }>, number];
    return rows[0]?.until ?? null;
  }

  /**
   * An appeal against one suspension was accepted: lift it, unless a longer one from another
   * decision is in force (that one stands until its own appeal or an admin lifts it).
   */
  async liftSuspensionUpTo(id: string, until: Date | null, m: EntityManager): Promise<void> {
    await m.query(
      `UPDATE users SET suspended_until = NULL
        WHERE id = $1 AND suspended_until IS NOT NULL AND ($2::timestamptz IS NULL OR suspended_until <= $2)`,
      [id, until],
    );
  }

  async bumpTokenVersion(id: string): Promise<void> {
    await this.repo.increment({ id }, 'tokenVersion', 1);
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.repo.update({ id }, { passwordHash });
  }

  async setAnonymousByDefault(id: string, value: boolean): Promise<void> {
    await this.repo.update({ id }, { anonymousByDefault: value });
  }

  /** PATCH /api/me: one statement for whichever settings were sent (null keeps the value). */
  async updateSettings(
    id: string,
    settings: { anonymousByDefault?: boolean; autoWatch?: boolean; pushTitles?: boolean; locale?: Locale },
  ): Promise<void> {
    await this.repo.query(
      `UPDATE users SET anonymous_by_default = coalesce($2, anonymous_by_default),
         auto_watch = coalesce($3, auto_watch), push_titles = coalesce($4, push_titles),
         locale = coalesce($5, locale) WHERE id = $1`,
      [
        id,
        settings.anonymousByDefault ?? null,
        settings.autoWatch ?? null,
        settings.pushTitles ?? null,
        settings.locale ?? null,
      ],
    );
  }

  /** The notification settings shown with the account (columns owned by notifications' migrations). */
  async notificationPrefs(id: string): Promise<{ autoWatch: boolean; pushTitles: boolean; locale: Locale | null }> {
    const rows: Array<{ autoWatch: boolean; pushTitles: boolean; locale: string | null }> = await this.repo.query(
      `SELECT auto_watch AS "autoWatch", push_titles AS "pushTitles", locale FROM users WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return { autoWatch: true, pushTitles: false, locale: null };
    return { autoWatch: row.autoWatch, pushTitles: row.pushTitles, locale: isLocale(row.locale) ? row.locale : null };
  }

  /** Moderators and admins (never "who is suspended": see AdminUserView). */
  listStaff(): Promise<UserEntity[]> {
    return this.repo.createQueryBuilder('u').where("u.role <> 'member'").orderBy('u.username', 'ASC').getMany();
  }

  async remove(id: string): Promise<void> {
    await this.repo.delete({ id });
  }
}
