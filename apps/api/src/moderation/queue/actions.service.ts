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
import { AppError, fieldError, notFound } from '../../common/app-error.js';
import { DEFAULT_LOCALE, msg, render, translate, type Locale, type Message, type MessageKey } from '../../i18n/i18n.js';
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
import { onIt, QueueService } from './queue.service.js';

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
  /** What was done, for the moderator: rendered in the request's language, and in English for the log. */
  summary: Sentence[];
  noticeIds: string[];
  suspended?: { userId: string; until: Date; permanent: boolean };
  /** Log entries, when one request is several actions ("Remove and suspend"). */
  entries?: Array<{ action: string; summary: Sentence[] }>;
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
    locale: Locale = DEFAULT_LOCALE,
  ): Promise<ModerationActionResult> {
    await this.targets.require(type, askedId);
    // Acting on a thread's opening post is acting on the thread (and on its one queue item).
    const canonical = await this.targets.canonical(type, askedId);
    type = canonical.type;
    const targetId = canonical.id;
    const existing = await this.items.findOpenForTarget(type, targetId);
    const itemId = existing?.id ?? (await this.items.transaction((m) => this.items.openItemFor(m, type, targetId)));
    return this.act(moderator, itemId, request, locale);
  }

  async act(
    moderator: AuthUser,
    itemId: string,
    request: ModerationActionRequest,
    locale: Locale = DEFAULT_LOCALE,
  ): Promise<ModerationActionResult> {
    const item = await this.items.findById(itemId);
    if (!item) throw notFound('errors.notFound.queueItem');
    const decided = item.status !== 'open';
    if (decided) {
      if (item.kind === 'appeal') throw new AppError('conflict', 'errors.moderation.appealDecided');
      if (!FURTHER.has(request.action)) {
        throw new AppError('conflict', 'errors.moderation.decisionStands');
      }
    } else if (item.claimedBy && item.claimedBy !== moderator.id) {
      throw onIt(item.claimedByUsername);
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
        if (!resolved) throw new AppError('conflict', 'errors.moderation.alreadyResolved');
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
            // The log keeps English, as before: it is one record read by every moderator.
            message: [say(DEFAULT_LOCALE, entry.summary), request.message].filter(Boolean).join(' — '),
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
    return { item: view, summary: say(locale, outcome.summary) };
  }

  /** The same decision twice from one item (two moderators, or a double click) is a kind 409. */
  private async refuseRepeat(itemId: string, request: ModerationActionRequest): Promise<void> {
    const parts = request.action === 'remove_and_suspend' ? ['remove', 'suspend_author'] : [request.action];
    const once = parts.filter((a) => ONCE.has(a));
    if (once.length === 0) return;
    const history = (await this.log.forItems([itemId])).get(itemId) ?? [];
    const done = history.find((h) => once.includes(h.action));
    if (!done) return;
    const what = done.action in DONE_ACTIONS ? done.action : 'other';
    const when = ago(done.at);
    throw new AppError(
      'conflict',
      done.moderatorUsername
        ? msg('errors.moderation.alreadyDone', { name: done.moderatorUsername, what, when })
        : msg('errors.moderation.alreadyDoneByAnother', { what, when }),
    );
  }

  private checkActionFits(item: ItemRow, request: ModerationActionRequest): void {
    const allowed: readonly string[] = item.kind === 'appeal' ? APPEAL_DECISIONS : MODERATION_ACTIONS;
    if (!allowed.includes(request.action)) {
      throw new AppError(
        'bad_request',
        item.kind === 'appeal'
          ? 'errors.moderation.appealActions'
          : msg('errors.moderation.appealOnlyAction', {
              action: request.action,
              options: MODERATION_ACTIONS.join(', '),
            }),
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
    const type = item.targetType;
    const needTarget = (): ModerationTarget => {
      if (!target) throw new AppError('not_found', msg('errors.moderation.targetGone', { type }));
      return target;
    };
    switch (request.action) {
      case 'reach_out': {
        const t = needTarget();
        const since = new Date(Date.now() - REACH_OUT_WINDOW_MINUTES * 60_000);
        const last = await this.log.lastReachOut(m, item.targetType, item.targetId, since);
        if (last) {
          const params = { when: ago(last.at), minutes: REACH_OUT_WINDOW_MINUTES };
          throw new AppError(
            'conflict',
            last.moderatorUsername
              ? msg('errors.moderation.reachedOut', { ...params, name: last.moderatorUsername })
              : msg('errors.moderation.reachedOutByAnother', params),
          );
        }
        // Sent to the author of the content, on the server: the moderator never learns who it is,
        // and the answer is the same when the author's account is gone.
        const noticeIds = await this.notify(m, t, 'outreach', request, { appealable: false });
        return { summary: [msg('moderation.summary.reachedOut')], noticeIds };
      }
      case 'mark_checked': {
        if (!(CHECK_REASONS as readonly string[]).includes(request.reason)) {
          throw fieldError('reason', msg('validation.moderation.checkReason', { options: CHECK_REASONS.join(', ') }));
        }
        const resolvedNow = await this.items.markCrisisChecked(
          m,
          item.id,
          request.reason === 'not_a_crisis' ? 'rejected' : 'upheld',
          (reasons, hidden) => itemPriority({ reasons, hidden, crisisDetected: false }),
        );
        return {
          summary: [msg(CHECKED_WORDS[request.reason as (typeof CHECK_REASONS)[number]])],
          noticeIds: [],
          resolved: resolvedNow,
        };
      }
      case 'remove_and_suspend': {
        const removed = await this.apply(m, moderator, item, target, { ...request, action: 'remove' });
        const suspended = await this.apply(m, moderator, item, target, { ...request, action: 'suspend_author' });
        return {
          summary: [...removed.summary, ...suspended.summary],
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
        if (t.status === 'removed') throw new AppError('conflict', msg('errors.moderation.alreadyRemoved', { type }));
        await port.remove(t.id, removedNote(request.reason));
        const noticeIds = await this.notify(m, t, 'removal', request, { appealable: true });
        return { summary: [msg('moderation.summary.removed', { type })], noticeIds };
      }
      case 'approve': {
        const t = needTarget();
        if (t.status === 'held') {
          // Held for review: approving publishes it, and the author hears so (kindly).
          await port.unhide(t.id);
          const noticeIds = await this.notify(m, t, 'approval', request, { appealable: false });
          return { summary: [msg('moderation.summary.approvedPublished', { type })], noticeIds };
        }
        if (item.hidden || t.status === 'hidden') await port.unhide(t.id);
        return { summary: [msg('moderation.summary.approvedDismissed', { type })], noticeIds: [] };
      }
      case 'add_content_warning': {
        const t = needTarget();
        const text = request.text?.trim();
        if (!text) throw fieldError('text', 'validation.moderation.warningText');
        if (!(await port.addContentWarning(t.id, text))) {
          throw new AppError('bad_request', msg('errors.moderation.noContentWarning', { type }));
        }
        if (t.status === 'held') {
          await port.unhide(t.id);
          const noticeIds = await this.notify(m, t, 'approval', request, { appealable: false });
          return { summary: [msg('moderation.summary.warningPublished')], noticeIds };
        }
        if (item.hidden || t.status === 'hidden') await port.unhide(t.id);
        return { summary: [msg('moderation.summary.warningAdded')], noticeIds: [] };
      }
      case 'lock_thread': {
        const t = needTarget();
        if (!(await port.lockThread(t.id))) {
          throw new AppError('bad_request', 'errors.moderation.onlyThreadsLock');
        }
        return { summary: [msg('moderation.summary.locked')], noticeIds: [] };
      }
      case 'warn_author': {
        const t = needTarget();
        if (!request.message?.trim()) throw fieldError('message', 'validation.moderation.warningMessage');
        const noticeIds = await this.notify(m, t, 'warning', request, { appealable: false });
        return { summary: [msg('moderation.summary.warned')], noticeIds };
      }
      case 'suspend_author': {
        const t = needTarget();
        if (request.days === undefined)
          throw fieldError('days', msg('validation.moderation.days', { options: SUSPENSION_DAYS.join(', ') }));
        if (t.authorId === moderator.id) throw new AppError('forbidden', 'errors.moderation.suspendSelf');
        const days = request.days;
        const permanent = days === null;
        const until = days === null ? PERMANENT_SUSPENSION : new Date(Date.now() + days * DAY_MS);
        // An author whose account is gone gets the same answer as any other: a different one would
        // tell a moderator which anonymous posts belonged to the deleted account (red-team finding).
        const summary = [suspendedSummary(until, permanent)];
        if (!t.authorId) return { summary, noticeIds: [] };
        // Never shortens a suspension in force (from another post of the same author, which the
        // moderator cannot know): the answer and the notice describe this decision, the author's
        // live tabs hear the suspension actually in force.
        const inForce = (await this.users.extendSuspension(t.authorId, until, m)) ?? until;
        const noticeIds = await this.notify(m, t, 'suspension', request, { appealable: true, suspendedUntil: until });
        return {
          summary,
          noticeIds,
          suspended: { userId: t.authorId, until: inForce, permanent: isPermanent(inForce) },
        };
      }
      case 'uphold':
      case 'reverse':
        return this.decideAppeal(m, item, target, request);
      default:
        throw new AppError('bad_request', 'errors.moderation.unknownAction');
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
    if (!appeal || !notice) throw notFound('errors.notFound.appeal');
    const reverse = request.action === 'reverse';
    if (!(await this.notices.decideAppeal(m, appeal.id, reverse ? 'reversed' : 'upheld'))) {
      throw new AppError('conflict', 'errors.moderation.appealDecided');
    }
    let summary: Message = msg('moderation.summary.appealDeclined');
    if (reverse && notice.kind === 'removal') {
      if (target) await this.targets.port(item.targetType).restore(target.id);
      summary = msg('moderation.summary.appealRestored');
    } else if (reverse && notice.kind === 'suspension') {
      // Lifts this suspension, not a longer one decided through other content.
      await this.users.liftSuspensionUpTo(appeal.userId, notice.suspendedUntil, m);
      summary = msg('moderation.summary.appealLifted');
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
    return { summary: [summary], noticeIds: [id] };
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

/** The actions a "someone already did that" refusal names (errors.moderation.alreadyDone). */
const DONE_ACTIONS = {
  remove: true,
  approve: true,
  add_content_warning: true,
  lock_thread: true,
  suspend_author: true,
  mark_checked: true,
};

const CHECKED_WORDS: Record<(typeof CHECK_REASONS)[number], MessageKey> = {
  supported: 'moderation.summary.checkedSupported',
  not_a_crisis: 'moderation.summary.checkedNotCrisis',
  emergency_services: 'moderation.summary.checkedEmergency',
};

/** "Author suspended until Mon, 07 Dec 2026 22:54:26 GMT." — the end written as a reader of that language writes it. */
const suspendedSummary =
  (until: Date, permanent: boolean): Sentence =>
  (locale) =>
    translate(locale, 'moderation.summary.suspended', { until: untilText(until, permanent, locale) });

/** One sentence of a summary: a message, or (for a date) words written for the reader's language. */
type Sentence = Message | ((locale: Locale) => string);

/** A summary in one language: its sentences, joined by a space. */
const say = (locale: Locale, sentences: Sentence[]): string =>
  sentences.map((s) => (typeof s === 'function' ? s(locale) : render(locale, s))).join(' ');

/** "3 minutes ago", for telling a moderator who already acted, in their language. */
export function ago(at: Date, now = Date.now()): Message {
  const minutes = Math.max(0, Math.round((now - new Date(at).getTime()) / 60_000));
  if (minutes < 1) return msg('common.ago.justNow');
  if (minutes < 60) return msg('common.ago.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 24) return msg('common.ago.hours', { count: hours });
  return msg('common.ago.days', { count: Math.round(hours / 24) });
}
