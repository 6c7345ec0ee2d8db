import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { MeetingActionEntity } from './entities/meeting-action.entity.js';

export type NewAction = Pick<MeetingActionEntity, 'meetingId' | 'actorId' | 'action'> &
  Partial<Pick<MeetingActionEntity, 'sessionId' | 'targetDisplayName' | 'messageId' | 'reason' | 'details'>>;

/** The record of facilitator and moderator actions in meetings (read by the moderation log). */
@Injectable()
export class MeetingActionsRepository {
  constructor(@InjectRepository(MeetingActionEntity) private readonly repo: Repository<MeetingActionEntity>) {}

  async record(action: NewAction): Promise<void> {
    await this.repo.save(
      this.repo.create({
        sessionId: null,
        targetDisplayName: null,
        messageId: null,
        reason: null,
        details: {},
        ...action,
      }),
    );
  }

  listForMeeting(meetingId: string, limit = 100): Promise<MeetingActionEntity[]> {
    return this.repo.find({ where: { meetingId }, order: { createdAt: 'DESC' }, take: limit });
  }
}
