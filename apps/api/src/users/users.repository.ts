import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Role } from '@kindred/contracts';
import { Repository } from 'typeorm';
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
    settings: { anonymousByDefault?: boolean; autoWatch?: boolean; pushTitles?: boolean },
  ): Promise<void> {
    await this.repo.query(
      `UPDATE users SET anonymous_by_default = coalesce($2, anonymous_by_default),
         auto_watch = coalesce($3, auto_watch), push_titles = coalesce($4, push_titles) WHERE id = $1`,
      [id, settings.anonymousByDefault ?? null, settings.autoWatch ?? null, settings.pushTitles ?? null],
    );
  }

  /** The notification settings shown with the account (columns owned by notifications' migrations). */
  async notificationPrefs(id: string): Promise<{ autoWatch: boolean; pushTitles: boolean }> {
    const rows: Array<{ autoWatch: boolean; pushTitles: boolean }> = await this.repo.query(
      `SELECT auto_watch AS "autoWatch", push_titles AS "pushTitles" FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] ?? { autoWatch: true, pushTitles: false };
  }

  /** Moderators and admins (never "who is suspended": see AdminUserView). */
  listStaff(): Promise<UserEntity[]> {
    return this.repo.createQueryBuilder('u').where("u.role <> 'member'").orderBy('u.username', 'ASC').getMany();
  }

  async remove(id: string): Promise<void> {
    await this.repo.delete({ id });
  }
}
