import { Injectable } from '@nestjs/common';
import {
  APPEAL_DECISIONS,
  CHECK_REASONS,
  MODERATION_ACTIONS,
  REACH_OUT_WINDOW_MINUTES,
  SUSPENSION_DAYS,
  type ModerationActionRequest,
  type ModerationActionResult,
  type ModerationTargetType,
  type NoticeKind,
} from '@kindred/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user.js';
import { PERMANENT_SUSPENSION } from '../../auth/suspension.js';
import { AppError, notFound } from '../../common/app-error.js';
import { UsersRepository } from '../../users/users.repository.js';
import { LogRepository } from '../log/log.repository.js';
import { MemberEventsGateway } from '../member-events.gateway.js';
import { removedNote, untilText } from '../notices/notice-text.js';
import { NoticesRepository, type NewNotice } from '../notices/notices.repository.js';
import { isPermanent, NoticesService } from '../notices/notices.service.js';
import type { ModerationTarget } from '../targets/target-port.js';
import { TargetRegistry } from '../targets/target-registry.js';
import { ItemsRepository, type ItemRow } from './items.repository.js';
import { QueueEvents } from './queue-events.js';
import { itemPriority } from '../rules.js';
import { QueueService } from './queue.service.js';

/** Actions that settle an item; the others (warn, suspend, lock) leave flags open for a decision. */
const SETTLING = new Set(['remove', 'remove_and_suspend', 'approve', 'add_content_warning', 'uphold', 'reverse']);
/** Supportive actions never settle an item by themselves ("Mark as checked" decides that itself). */
const SUPPORTIVE = new Set(['reach_out', 'mark_checked']);
/**
 * What a resolved item's content can still take, from the item's page: the decision stands, and
 * these add to it (suspend the author after a removal, reach out after a check…). Approving or
 * adding a warning would undo a decision; that is what the author's appeal is for.
 */
const FURTHER = new Set([
  'reach_out',
  'mark_checked',
  'remove',
  'remove_and_suspend',
  'lock_thread',
  'warn_author',
  'suspend_author',
]);
/** Done once per item: a second click answers 409 saying who did it and when. */
const ONCE = new Set(['remove', 'approve', 'add_content_warning', 'lock_thread', 'suspend_author', 'mark_checked']);
const DAY_MS = 24 * 3600 * 1000;

interface Outcome {
  summary: string;
  noticeIds: string[];
  suspended?: { userId: string; until: Date; permanent: boolean };
  /** Log entries, when one request is several actions ("Remove and suspend"). */
  entries?: Array<{ action: string; summary: string }>;
  /** "Mark as checked" resolved the item itself (nothing else was open). */
  resolved?: boolean;
}

/**
 * Moderator actions on a queue item or directly on content. Everything about the author is
 * looked up here, on the server, and never returned: responses and the log say "the author".
 */
@Injectable()
export class ActionsService {
  constructor(
    private readonly items: ItemsRepository,
    private readonly notices: NoticesRepository,
    private readonly noticesService: NoticesService,
    private readonly log: LogRepository,
    private readonly targets: TargetRegistry,
    private readonly users: UsersRepository,
    private readonly queue: QueueService,
    private readonly events: QueueEvents,
    private readonly member: MemberEventsGateway,
  ) {}

  /** A moderator acting on content without a flag: uses the open item for it, or opens one. */
  async actOnTarget(
    moderator: AuthUser,
    type: ModerationTargetType,
    askedId: string,
    request: ModerationActionRequest,
  ): Promise<ModerationActionResult> {
    await this.targets.require(type, askedId);
    // Acting on a thread's opening post is acting on the thread (and on its one queue item).
    const canonical = await this.targets.canonical(type, askedId);
    type = canonical.type;
    const targetId = canonical.id;
    const existing = await this.items.findOpenForTarget(type, targetId);
    const itemId = existing?.id ?? (await this.items.transaction((m) => this.items.openItemFor(m, type, targetId)));
    return this.act(moderator, itemId, request);
  }

  async act(moderator: AuthUser, itemId: string, request: ModerationActionRequest): Promise<ModerationActionResult> {
    const item = await this.items.findById(itemId);
    if (!item) throw notFound('That queue item');
    const decided = item.status !== 'open';
    if (decided) {
      if (item.kind === 'appeal') throw new AppError('conflict', 'That appeal has already been decided.');
      if (!FURTHER.has(request.action)) {
        throw new AppError(
          'conflict',
          'This item was already decided, and that decision stands. If its author appeals, the appeal comes back to the queue for a second look.',
        );
      }
    } else if (item.claimedBy && item.claimedBy !== moderator.id) {
      throw new AppError('conflict', `${item.claimedByUsername ?? 'Another moderator'} is already on it.`);
    }
    this.checkActionFits(item, request);
    const target = await this.targets.find(item.targetType, item.targetId);
    const flags = await this.items.flagsOf(item.id);
    const openFlags = flags.filter((f) => f.status === 'open').length;

    let resolved = false;
    const outcome = await this.items.transaction(async (m) => {
      // One moderator at a time per item: repeated clicks and reach-outs are decided in order.
      await this.items.lock(m, item.id);
      await this.refuseRepeat(item.id, request);
      const result = await this.apply(m, moderator, item, target, request);
      const settles =
        !decided &&
        !SUPPORTIVE.has(request.action) &&
        (SETTLING.has(request.action) || (item.kind === 'flag' && openFlags === 0));
      if (settles) {
        const flagStatus = request.action === 'approve' ? 'rejected' : SETTLING.has(request.action) ? 'upheld' : null;
        resolved = await this.items.resolve(m, item.id, flagStatus);
        if (!resolved) throw new AppError('conflict', 'That item has already been resolved.');
      }
      if (result.resolved) resolved = true;
      for (const entry of result.entries ?? [{ action: request.action, summary: result.summary }]) {
        await this.log.append(
          {
            moderatorId: moderator.id,
            moderatorUsername: moderator.username,
            action: entry.action,
            targetType: item.targetType,
            targetId: item.targetId,
            excerpt: target?.excerpt ?? null,
            reason: request.reason,
            message: [entry.summary, request.message].filter(Boolean).join(' — '),
            itemId: item.id,
          },
          m,
        );
      }
      return result;
    });

    for (const id of outcome.noticeIds) await this.noticesService.deliver(id);
    if (outcome.suspended) {
      this.member.suspended(outcome.suspended.userId, outcome.suspended.until, outcome.suspended.permanent);
    }
    const view = await this.queue.get(item.id);
    if (resolved) this.events.removed(item.id);
    else if (view.status === 'open') this.events.upsert(view);
    return { item: view, summary: outcome.summary };
  }

  /** The same decision twice from one item (two moderators, or a double click) is a kind 409. */
  private async refuseRepeat(itemId: string, request: ModerationActionRequest): Promise<void> {
    const parts = request.action === 'remove_and_suspend' ? ['remove', 'suspend_author'] : [request.action];
    const once = parts.filter((a) => ONCE.has(a));
    if (once.length === 0) return;
    const history = (await this.log.forItems([itemId])).get(itemId) ?? [];
    const done = history.find((h) => once.includes(h.action));
    if (!done) return;
    const who = done.moderatorUsername ?? 'Another moderator';
    const what = DONE_WORDS[done.action] ?? 'did this';
    throw new AppError(
      'conflict',
      `${who} already ${what} ${ago(done.at)}, so there is nothing more to do here for that.`,
    );
  }

  private checkActionFits(item: ItemRow, request: ModerationActionRequest): void {
    const allowed: readonly string[] = item.kind === 'appeal' ? APPEAL_DECISIONS : MODERATION_ACTIONS;
    if (!allowed.includes(request.action)) {
      throw new AppError(
        'bad_request',
        item.kind === 'appeal'
          ? 'An appeal is decided with "uphold" or "reverse".'
          : `"${request.action}" is only for appeals; choose one of ${MODERATION_ACTIONS.join(', ')}.`,
      );
    }
  }

  private async apply(
    m: EntityManager,
    moderator: AuthUser,
    item: ItemRow,
    target: ModerationTarget | null,
    request: ModerationActionRequest,
  ): Promise<Outcome> {
    const port = this.targets.port(item.targetType);
    const what = item.targetType === 'message' ? 'chat message' : item.targetType;
    const needTarget = (): ModerationTarget => {
      if (!target) throw new AppError('not_found', `That ${what} no longer exists.`);
      return target;
    };
    switch (request.action) {
      case 'reach_out': {
        const t = needTarget();
        const since = new Date(Date.now() - REACH_OUT_WINDOW_MINUTES * 60_000);
        const last = await this.log.lastReachOut(m, item.targetType, item.targetId, since);
        if (last) {
          throw new AppError(
            'conflict',
            `${last.moderatorUsername ?? 'Another moderator'} already reached out ${ago(last.at)}, so the author has a kind message and the resources. One message at a time is gentler; you can mark this as checked, or reach out again after ${REACH_OUT_WINDOW_MINUTES} minutes if it still feels needed.`,
          );
        }
        // Sent to the author of the content, on the server: the moderator never learns who it is,
        // and the answer is the same when the author's account is gone.
        const noticeIds = await this.notify(m, t, 'outreach', request, { appealable: false });
        return { summary: 'A private, kind message with the crisis resources was sent to the author.', noticeIds };
      }
      case 'mark_checked': {
        if (!(CHECK_REASONS as readonly string[]).includes(request.reason)) {
          throw fieldError('reason', `must be one of ${CHECK_REASONS.join(', ')} for "mark as checked"`);
        }
        const resolvedNow = await this.items.markCrisisChecked(
          m,
          item.id,
          request.reason === 'not_a_crisis' ? 'rejected' : 'upheld',
          (reasons, hidden) => itemPriority({ reasons, hidden, crisisDetected: false }),
        );
        return {
          summary: CHECKED_WORDS[request.reason as (typeof CHECK_REASONS)[number]],
          noticeIds: [],
          resolved: resolvedNow,
        };
      }
      case 'remove_and_suspend': {
        const removed = await this.apply(m, moderator, item, target, { ...request, action: 'remove' });
        const suspended = await this.apply(m, moderator, item, target, { ...request, action: 'suspend_author' });
        return {
          summary: `${removed.summary} ${suspended.summary}`,
          noticeIds: [...removed.noticeIds, ...suspended.noticeIds],
          suspended: suspended.suspended,
          entries: [
            { action: 'remove', summary: removed.summary },
            { action: 'suspend_author', summary: suspended.summary },
          ],
        };
      }
      case 'remove': {
        const t = needTarget();
        if (t.status === 'removed') throw new AppError('conflict', `That ${what} has already been removed.`);
        await port.remove(t.id, removedNote(request.reason));
        const noticeIds = await this.notify(m, t, 'removal', request, { appealable: true });
        return { summary: `${capital(what)} removed.`, noticeIds };
      }
      case 'approve': {
        const t = needTarget();
        if (t.status === 'held') {
          // Held for review: approving publishes it, and the author hears so (kindly).
          await port.unhide(t.id);
          const noticeIds = await this.notify(m, t, 'approval', request, { appealable: false });
          return { summary: `${capital(what)} approved and published.`, noticeIds };
        }
        if (item.hidden || t.status === 'hidden') await port.unhide(t.id);
        return { summary: `${capital(what)} approved; the flags were dismissed.`, noticeIds: [] };
      }
      case 'add_content_warning': {
        const t = needTarget();
        const text = request.text?.trim();
        if (!text) throw fieldError('text', 'is required for a content warning');
        if (!(await port.addContentWarning(t.id, text))) {
          throw new AppError(
            'bad_request',
            `A ${what} cannot carry a content warning; remove it or approve it instead.`,
          );
        }
        if (t.status === 'held') {
          await port.unhide(t.id);
          const noticeIds = await this.notify(m, t, 'approval', request, { appealable: false });
          return { summary: 'Content warning added; published.', noticeIds };
        }
        if (item.hidden || t.status === 'hidden') await port.unhide(t.id);
        return { summary: 'Content warning added.', noticeIds: [] };
      }
      case 'lock_thread': {
        const t = needTarget();
        if (!(await port.lockThread(t.id))) {
          throw new AppError('bad_request', 'Only a thread, or a post in one, can be locked.');
        }
        return { summary: 'Thread locked.', noticeIds: [] };
      }
      case 'warn_author': {
        const t = needTarget();
        if (!request.message?.trim()) throw fieldError('message', 'is required for a warning');
        const noticeIds = await this.notify(m, t, 'warning', request, { appealable: false });
        return { summary: 'The author was warned privately.', noticeIds };
      }
      case 'suspend_author': {
        const t = needTarget();
        if (request.days === undefined)
          throw fieldError('days', `must be one of ${SUSPENSION_DAYS.join(', ')} or null`);
        if (t.authorId === moderator.id) throw new AppError('forbidden', 'You cannot suspend yourself.');
        const days = request.days;
        const permanent = days === null;
        const until = days === null ? PERMANENT_SUSPENSION : new Date(Date.now() + days * DAY_MS);
        // An author whose account is gone gets the same answer as any other: a different one would
        // tell a moderator which anonymous posts belonged to the deleted account (red-team finding).
        if (!t.authorId) return { summary: `Author suspended ${untilText(until, permanent)}.`, noticeIds: [] };
        // Never shortens a suspension in force (from another post of the same author, which the
        // moderator cannot know): the answer and the notice describe this decision, the author's
        // live tabs hear the suspension actually in force.
        const inForce = (await this.users.extendSuspension(t.authorId, until, m)) ?? until;
        const noticeIds = await this.notify(m, t, 'suspension', request, { appealable: true, suspendedUntil: until });
        return {
          summary: `Author suspended ${untilText(until, permanent)}.`,
          noticeIds,
          suspended: { userId: t.authorId, until: inForce, permanent: isPermanent(inForce) },
        };
      }
      case 'uphold':
      case 'reverse':
        return this.decideAppeal(m, item, target, request);
      default:
        throw new AppError('bad_request', 'Unknown action.');
    }
  }

  private async decideAppeal(
    m: EntityManager,
    item: ItemRow,
    target: ModerationTarget | null,
    request: ModerationActionRequest,
  ): Promise<Outcome> {
    const appeal = item.appealId ? await this.notices.findAppeal(item.appealId, m) : null;
    const notice = appeal ? await this.notices.findById(appeal.noticeId, m) : null;
    if (!appeal || !notice) throw notFound('That appeal');
    const reverse = request.action === 'reverse';
    if (!(await this.notices.decideAppeal(m, appeal.id, reverse ? 'reversed' : 'upheld'))) {
      throw new AppError('conflict', 'That appeal has already been decided.');
    }
    let summary = 'Appeal declined: the decision stands.';
    if (reverse && notice.kind === 'removal') {
      if (target) await this.targets.port(item.targetType).restore(target.id);
      summary = 'Appeal accepted: the content is restored.';
    } else if (reverse && notice.kind === 'suspension') {
      // Lifts this suspension, not a longer one decided through other content.
      await this.users.liftSuspensionUpTo(appeal.userId, notice.suspendedUntil, m);
      summary = 'Appeal accepted: the suspension is lifted.';
    }
    const id = await this.notices.create(
      {
        userId: appeal.userId,
        kind: 'appeal_result',
        targetType: notice.targetType,
        targetId: notice.targetId,
        excerpt: notice.excerpt,
        reason: reverse ? 'appeal_accepted' : 'appeal_declined',
        message: request.message?.trim() || null,
        suspendedUntil: null,
        appealable: false,
      },
      m,
    );
    return { summary, noticeIds: [id] };
  }

  private async notify(
    m: EntityManager,
    target: ModerationTarget,
    kind: NoticeKind,
    request: ModerationActionRequest,
    extra: { appealable: boolean; suspendedUntil?: Date },
  ): Promise<string[]> {
    if (!target.authorId) return [];
    const notice: NewNotice = {
      userId: target.authorId,
      kind,
      targetType: target.type,
      targetId: target.id,
      excerpt: target.excerpt,
      reason: request.reason,
      message: request.message?.trim() || null,
      suspendedUntil: extra.suspendedUntil ?? null,
      appealable: extra.appealable,
    };
    return [await this.notices.create(notice, m)];
  }
}

const DONE_WORDS: Record<string, string> = {
  remove: 'removed it',
  approve: 'approved it',
  add_content_warning: 'added a content warning',
  lock_thread: 'locked the thread',
  suspend_author: 'suspended its author',
  mark_checked: 'marked it as checked',
};

const CHECKED_WORDS: Record<(typeof CHECK_REASONS)[number], string> = {
  supported: 'Marked as checked: supported.',
  not_a_crisis: 'Marked as checked: not a crisis.',
  emergency_services: 'Marked as checked: escalated to emergency services.',
};

/** "3 minutes ago", for telling a moderator who already acted. */
export function ago(at: Date, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(at).getTime()) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} ${hours === 1 ? 'hour' : 'hours'} ago`;
  const days = Math.round(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const fieldError = (field: string, reason: string): AppError =>
  new AppError('validation_failed', `${field}: ${reason}`, { fields: [{ field, reason }] });
