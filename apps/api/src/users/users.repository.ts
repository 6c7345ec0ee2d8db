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

  /** Moderators and admins (never "who is suspended": see AdminUserView). */
  listStaff(): Promise<UserEntity[]> {
    return this.repo.createQueryBuilder('u').where("u.role <> 'member'").orderBy('u.username', 'ASC').getMany();
  }

  async remove(id: string): Promise<void> {
    await this.repo.delete({ id });
  }
}
