import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type {
  CrisisResource,
  DetectionHit,
  ModerationTargetType,
  QueuePriority,
  SafetyNotice,
  SafetyTestResult,
} from '@kindred/contracts';
import { defaultCrisisResources, type Locale } from '@kindred/contracts';
import { parseMentions } from '../common/mentions.js';
import { analyzeText, type CrisisLevel, type SafetyReport, type SourcingLevel, type Span } from '@kindred/safety';
import { AppError } from '../common/app-error.js';
import { DEFAULT_LOCALE, msg, render, type Message, type MessageKey } from '../i18n/i18n.js';
import type { QueueEvents } from '../moderation/queue/queue-events.js';
import type { QueueService } from '../moderation/queue/queue.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CrisisResourcesService } from '../library/crisis-resources.service.js';
import { RateLimitService, waitText, type RateRule } from './limits/rate-limit.service.js';
import { SafetyRepository } from './safety.repository.js';
import { WatchedWordsService } from './watched-words/watched-words.service.js';

export type SafetyKind = 'thread' | 'post' | 'edit' | 'message';

export interface SafetyContext {
  kind: SafetyKind;
  userId: string;
  accountCreatedAt: Date | string | null;
  /** The thread a reply goes to: "@Quiet Heron" there names a member, not an outside handle. */
  threadId?: string;
}

export interface SafetyDecision {
  action: 'publish' | 'hold' | 'block';
  crisis: CrisisLevel;
  sourcing: SourcingLevel;
  personalInfo: boolean;
  resources: CrisisResource[];
  /** Kind reasons for a hold, said to the author (in English; `reasonMessages` in any language). */
  reasons: string[];
  /** The same reasons as message keys and arguments, to store or to write in the author's language. */
  reasonMessages: Message[];
  spans: Span[];
  /** The text with censored watched words replaced by ■■■. */
  censoredText: string;
  /** A queue item to create once the content is stored (null: none). */
  queue: { priority: QueuePriority; hits: DetectionHit[] } | null;
  /** For the author's create response; null when there is nothing to tell them. */
  notice: SafetyNotice | null;
  /** For a block: the error code and message (said in the reader's language when it is sent). */
  block: { code: 'blocked_sourcing' | 'blocked_personal_info' | 'unprocessable'; message: Message } | null;
}

/**
 * What a field is, for a refusal of unsafe text in it (refuseUnsafe): "A username cannot include …".
 * One word per field so that each language says the whole sentence its own way.
 */
export type UnsafeFieldKind =
  'username' | 'flagNote' | 'appeal' | 'facilitatorName' | 'meetingName' | 'meetingDescription' | 'meetingTag';

const PERSONAL_INFO_NAMES: Record<string, MessageKey> = {
  phone: 'errors.safety.personal.phone',
  email: 'errors.safety.personal.email',
  address: 'errors.safety.personal.address',
  handle: 'errors.safety.personal.handle',
  profile_url: 'errors.safety.personal.profileUrl',
  name: 'errors.safety.personal.name',
};

/** The catalogue word (safety.personalInfo.<key>) for each kind of personal detail. */
const PERSONAL_INFO_KEYS: Record<string, string> = {
  phone: 'phone',
  email: 'email',
  address: 'address',
  handle: 'handle',
  profile_url: 'profileUrl',
  name: 'name',
};

const MENTION_AT = /(?<![\w.@`])@([A-Za-z0-9_-]{3,24})((?: [A-Z][a-z]+)(?: \d{1,3})?)?/g;

const NEW_MEMBER_LINKS = 2;
const NEW_MEMBER_THREADS_PER_DAY = 3;
const NEW_MEMBER_REPLIES_PER_DAY = 20;
const NEW_MEMBER_POST_GAP_MS = 30_000;
const DAY_MS = 24 * 60 * 60 * 1000;

const NEW_MEMBER_CHAT: RateRule = {
  name: 'new-member-chat',
  limit: 1,
  windowMs: 3_000,
  message: msg('errors.limits.newMemberChat', { seconds: 3 }),
};

const RANK: Record<QueuePriority, number> = { urgent: 0, high: 1, normal: 2 };

/**
 * The server's decision on every thread, post, edit and chat message: publish, hold for a
 * moderator, or block — from the detectors in @kindred/safety, the admin's watched words and
 * the new-member limits. The composer in the browser only warns; this decides.
 */
@Injectable()
export class ContentSafetyService {
  private readonly logger = new Logger(ContentSafetyService.name);

  constructor(
    private readonly watched: WatchedWordsService,
    private readonly repo: SafetyRepository,
    private readonly limits: RateLimitService,
    private readonly crisisResources: CrisisResourcesService,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the new-member limits (429 with when to try again), then decides. Throws for a block
   * (422 / chat ack error); otherwise returns the decision for the caller to apply.
   */
  async review(text: string, context: SafetyContext): Promise<SafetyDecision> {
    const decision = await this.decide(text, context);
    if (decision.block) throw this.blockError(decision);
    return decision;
  }

  /**
   * Like review, but a block is returned rather than thrown: meeting chat keeps a refused
   * message (status `blocked`, never delivered) for its queue item, then throws blockError.
   */
  async decide(text: string, context: SafetyContext): Promise<SafetyDecision> {
    const newMember = this.isNewMember(context.accountCreatedAt);
    if (newMember) await this.checkNewMemberLimits(context);
    return this.assess(await this.withoutMentions(text, context), context.kind, newMember);
  }

  /**
   * A mention of a Kindred member ("@dawn2am", or an alias shown in this thread) keeps people on
   * Kindred, so it is not the off-platform handle the personal-info detector looks for: its "@"
   * becomes a space for the detectors (same length, so spans still point at the right text).
   * Anything else that looks like a handle is judged as before. Chat has no mentions.
   */
  private async withoutMentions(text: string, context: SafetyContext): Promise<string> {
    if (context.kind === 'message' || !text.includes('@')) return text;
    const mentions = parseMentions(text, 50);
    if (mentions.length === 0) return text;
    const known = await this.repo.mentionTargets(
      mentions.map((m) => m.username),
      mentions.flatMap((m) => (m.alias ? [m.alias] : [])),
      context.threadId ?? null,
    );
    if (known.size === 0) return text;
    return text.replace(MENTION_AT, (match: string, word: string, rest: string | undefined) =>
      known.has(word.toLowerCase()) || (rest !== undefined && known.has(`${word}${rest}`))
        ? ` ${match.slice(1)}`
        : match,
    );
  }

  /** The 422 / ack error for a blocked decision. */
  blockError(decision: SafetyDecision): AppError {
    const block = decision.block ?? { code: 'unprocessable', message: msg('errors.safety.notSent') };
    return new AppError(block.code, block.message, { details: { spans: decision.spans } });
  }

  /** The decision alone: no limits, nothing thrown, nothing stored. */
  assess(text: string, kind: SafetyKind, newMember = false): SafetyDecision {
    const report = analyzeText(text);
    const watched = this.watched.test(text);
    const chat = kind === 'message';
    const reasonMessages: Message[] = [];
    const spans: Span[] = [];
    const hits: DetectionHit[] = [];
    let priority: QueuePriority | null = null;
    const raise = (p: QueuePriority): void => {
      if (priority === null || RANK[p] < RANK[priority]) priority = p;
    };
    let hold = false;
    let block: SafetyDecision['block'] = null;
    // A watched word with the action `block` is refused outright, with no queue item (as for posts);
    // chat messages refused for what a post would be held for are kept for the moderators instead.
    const refusedOutright = watched.block.length > 0;

    if (refusedOutright) {
      block = {
        code: 'unprocessable',
        message: msg('errors.safety.blockedWords', { words: watched.block.map((w) => `“${w.pattern}”`).join(', ') }),
      };
    }

    if (report.sourcing.level === 'likely') {
      hits.push({
        kind: 'sourcing',
        label: 'likely',
        match: spanText(report.sourcing.spans),
        ...why(report, 'sourcing'),
      });
      spans.push(...report.sourcing.spans);
      raise('high');
      if (chat) {
        block ??= { code: 'blocked_sourcing', message: msg('errors.safety.chatSourcing') };
      } else {
        hold = true;
        reasonMessages.push({ key: 'safety.hold.sourcing' });
      }
    } else if (report.sourcing.level === 'suspect') {
      hits.push({
        kind: 'sourcing',
        label: 'suspect',
        match: spanText(report.sourcing.spans),
        ...why(report, 'sourcing'),
      });
      raise('normal');
    }

    if (report.personalInfo.found) {
      const kindKeys = [
        ...new Set(report.personalInfo.spans.map((s) => PERSONAL_INFO_NAMES[s.kind] ?? 'errors.safety.personal.other')),
      ];
      const kindList = { list: kindKeys.map((key) => msg(key)) };
      // The moderator's label and the held post's reasons stay English; the author's refusal is said in their language.
      const kinds = kindKeys.map((key) => render(DEFAULT_LOCALE, key));
      spans.push(...report.personalInfo.spans);
      hits.push({
        kind: 'personal_info',
        label: kinds.join(', '),
        match: spanText(report.personalInfo.spans),
        ...why(report, 'personalInfo'),
      });
      if (chat) {
        // Nobody else saw it, so a normal item: a moderator looks at who keeps trying.
        raise('normal');
        block ??= {
          code: 'blocked_personal_info',
          message: msg('errors.safety.chatPersonalInfo', {
            kinds: kindList,
            found: report.personalInfo.spans.map((s) => `“${s.text}”`).join(', '),
          }),
        };
      } else {
        hold = true;
        raise('high');
        const found = [...new Set(report.personalInfo.spans.map((s) => PERSONAL_INFO_KEYS[s.kind] ?? 'other'))];
        reasonMessages.push({
          key: 'safety.hold.personalInfo',
          params: { kinds: found.map((kind) => ({ key: `safety.personalInfo.${kind}` })) },
        });
      }
    }

    if (watched.hold.length > 0) {
      hits.push({ kind: 'watched_word', label: 'hold', match: watched.hold.map((w) => w.pattern).join(', ') });
      raise('normal');
      if (chat) {
        block ??= { code: 'unprocessable', message: msg('errors.safety.chatWatched') };
      } else {
        hold = true;
        reasonMessages.push({ key: 'safety.hold.watchedWords' });
      }
    }
    if (watched.flag.length > 0) {
      hits.push({ kind: 'watched_word', label: 'flag', match: watched.flag.map((w) => w.pattern).join(', ') });
      raise('normal');
    }

    if (newMember && !chat && report.links > NEW_MEMBER_LINKS) {
      hold = true;
      hits.push({ kind: 'new_member_links', label: `${report.links} links` });
      raise('normal');
      reasonMessages.push({ key: 'safety.hold.links', params: { max: NEW_MEMBER_LINKS, count: report.links } });
    }

    const crisis = report.crisis.level;
    if (crisis === 'urgent') {
      hits.push({ kind: 'crisis', label: 'urgent', match: spanText(report.crisis.spans), ...why(report, 'crisis') });
      raise('urgent');
    }

    const resources = crisis === 'none' ? [] : this.resources();
    const held = hold && !block;
    const reasons = reasonMessages.map((m) => render(DEFAULT_LOCALE, m));
    const notice: SafetyNotice | null =
      crisis !== 'none' || held
        ? {
            crisis: crisis === 'urgent',
            level: crisis,
            resources,
            held,
            reasons: held ? reasons : [],
            spans: held ? spans : [],
          }
        : null;
    return {
      action: block ? 'block' : hold ? 'hold' : 'publish',
      crisis,
      sourcing: report.sourcing.level,
      personalInfo: report.personalInfo.found,
      resources,
      reasons,
      reasonMessages,
      spans,
      censoredText: watched.censored,
      queue: priority && !refusedOutright ? { priority, hits } : null,
      notice,
      block,
    };
  }

  /** The author's notice of a decision in their language (the request's), or null when there is none. */
  noticeIn(decision: SafetyDecision, locale: Locale): SafetyNotice | null {
    const notice = decision.notice;
    if (!notice) return null;
    return {
      ...notice,
      // The crisis resources too: a Spanish reader in crisis is given the lines in Spanish.
      resources: notice.resources.length > 0 ? this.resources(locale) : notice.resources,
      reasons: notice.held ? decision.reasonMessages.map((m) => render(locale, m)) : notice.reasons,
    };
  }

  /**
   * For text that has no "held" state — usernames, meeting names, descriptions and tags, flag
   * notes, appeal messages: whatever a post would be held or blocked for is refused here with a
   * kind 422 naming the field, so it is never shown to anyone. `what` says what the field is
   * ("A username …"). The same decision as posts (assess), so nothing goes round review.
   */
  refuseUnsafe(text: string, field: string, what: UnsafeFieldKind): void {
    if (text.trim() === '') return;
    const decision = this.assess(text, 'post');
    if (decision.action === 'publish') return;
    const because: Message[] = [];
    if (decision.personalInfo) because.push(msg('errors.safety.because.personalInfo'));
    if (decision.sourcing === 'likely') because.push(msg('errors.safety.because.sourcing'));
    if (because.length === 0) because.push(msg('errors.safety.because.words'));
    const reason = msg('validation.safety.cannotInclude', { things: { list: because } });
    throw new AppError('unprocessable', msg('errors.safety.refused', { what, reason }), {
      fields: [{ field, reason }],
      details: { spans: decision.spans },
    });
  }

  /** Censors watched words in one piece of text (titles and bodies separately). */
  censor(text: string): string {
    return this.watched.test(text).censored;
  }

  /** "Test this text" on the admin screen: what would happen to it as a post, said in the admin's language. */
  explain(text: string, locale: Locale = DEFAULT_LOCALE): SafetyTestResult {
    const decision = this.assess(text, 'post');
    const watched = this.watched.test(text);
    const entries = [...watched.block, ...watched.hold, ...watched.flag];
    const censorIds = new Set(watched.matches.filter((m) => m.action === 'censor').map((m) => m.id));
    return {
      decision: decision.action,
      crisis: decision.crisis,
      sourcing: decision.sourcing,
      personalInfo: decision.personalInfo,
      reasons: decision.block
        ? [render(locale, decision.block.message)]
        : decision.reasonMessages.map((m) => render(locale, m)),
      censoredText: decision.censoredText,
      watched: [
        ...entries.map((w) => ({ id: w.id, pattern: w.pattern, action: w.action })),
        ...[...censorIds].map((id) => ({ id, pattern: this.watched.pattern(id), action: 'censor' as const })),
      ],
      spans: decision.spans,
    };
  }

  /**
   * After the content is stored: puts the hits on the moderation queue. A failure is logged and
   * never undoes the post (the content itself is already held or published as decided).
   */
  async recordHits(decision: SafetyDecision, targetType: ModerationTargetType, targetId: string): Promise<void> {
    if (!decision.queue) return;
    try {
      const itemId = await this.repo.recordDetection(
        targetType,
        targetId,
        decision.queue.priority,
        decision.queue.hits,
      );
      await this.announce(itemId);
    } catch (error) {
      this.logger.error(`Could not queue safety hits for ${targetType} ${targetId}: ${String(error)}`);
    }
  }

  /**
   * Tells every open moderator screen (queue:upsert, and alert:urgent for a crisis) through the
   * moderation feature's own queue emitter, when that feature is present.
   */
  private async announce(itemId: string): Promise<void> {
    const moderation = await this.moderation();
    if (!moderation) return;
    moderation.events.upsert(await moderation.queue.get(itemId));
  }

  private moderationRef: { queue: QueueService; events: QueueEvents } | null | undefined;

  private async moderation(): Promise<{ queue: QueueService; events: QueueEvents } | null> {
    if (this.moderationRef !== undefined) return this.moderationRef;
    try {
      const [{ QueueService: Queue }, { QueueEvents: Events }] = await Promise.all([
        import('../moderation/queue/queue.service.js'),
        import('../moderation/queue/queue-events.js'),
      ]);
      this.moderationRef = {
        queue: this.moduleRef.get(Queue, { strict: false }),
        events: this.moduleRef.get(Events, { strict: false }),
      };
    } catch {
      this.moderationRef = null;
    }
    return this.moderationRef;
  }

  isNewMember(accountCreatedAt: Date | string | null): boolean {
    const hours = this.config.limits.newMemberHours;
    if (!accountCreatedAt || hours <= 0) return false;
    return Date.now() - new Date(accountCreatedAt).getTime() < hours * 60 * 60 * 1000;
  }

  private resources(locale: Locale = DEFAULT_LOCALE): CrisisResource[] {
    try {
      return this.crisisResources.list(locale);
    } catch {
      return defaultCrisisResources(locale);
    }
  }

  private async checkNewMemberLimits(context: SafetyContext): Promise<void> {
    if (context.kind === 'message') {
      await this.limits.consume(NEW_MEMBER_CHAT, context.userId);
      return;
    }
    if (context.kind === 'edit') return;
    const activity = await this.repo.recentActivity(context.userId);
    const now = Date.now();
    if (context.kind === 'thread' && activity.threads >= NEW_MEMBER_THREADS_PER_DAY) {
      throw limited(
        msg('errors.limits.newMemberThreads', { count: NEW_MEMBER_THREADS_PER_DAY }),
        activity.oldestThreadAt!.getTime() + DAY_MS - now,
      );
    }
    if (context.kind === 'post' && activity.replies >= NEW_MEMBER_REPLIES_PER_DAY) {
      throw limited(
        msg('errors.limits.newMemberReplies', { count: NEW_MEMBER_REPLIES_PER_DAY }),
        activity.oldestReplyAt!.getTime() + DAY_MS - now,
      );
    }
    if (activity.lastPostAt && now - activity.lastPostAt.getTime() < NEW_MEMBER_POST_GAP_MS) {
      throw limited(
        msg('errors.limits.newMemberGap', { seconds: NEW_MEMBER_POST_GAP_MS / 1000 }),
        activity.lastPostAt.getTime() + NEW_MEMBER_POST_GAP_MS - now,
      );
    }
  }
}

function limited(reason: Message, waitMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError('rate_limited', msg('errors.limits.postAgain', { reason, wait: waitText(retryAfterSeconds) }), {
    details: { retryAfterSeconds },
  });
}

const MAX_EVIDENCE_CHARS = 300;

/**
 * Why a detector fired, for the moderator: the sentences that drove it (the model's evidence) and
 * the model's probabilities, rounded.
 */
function why(
  report: SafetyReport,
  head: 'crisis' | 'sourcing' | 'personalInfo',
): { evidence: string[]; scores: Record<string, number> } {
  const sentences = report.model.evidence[head].map((s) => s.text);
  const spans = report[head].spans.map((s) => s.text);
  // Whole sentences read best; the rules' own spans (already in `match`) only when there are none.
  const evidence = [...new Set(sentences.length > 0 ? sentences : spans)]
    .filter((t) => t.trim() !== '')
    .slice(0, 5)
    .map((t) => t.slice(0, MAX_EVIDENCE_CHARS));
  const raw = report.model.scores[head];
  const entries: Array<[string, number]> =
    typeof raw === 'number'
      ? [
          ['none', 1 - raw],
          ['found', raw],
        ]
      : Object.entries(raw);
  const scores = Object.fromEntries(entries.map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
  return { evidence, scores };
}

function spanText(spans: Span[]): string {
  return spans
    .map((s) => s.text)
    .slice(0, 5)
    .join(' · ')
    .slice(0, 200);
}
