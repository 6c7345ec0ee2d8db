import { CreateUsers1763700000000 } from './1763700000000-create-users.js';
import { CreateBoards1763700001000 } from './1763700001000-create-boards.js';
import { CreateLibrary1763700002000 } from './1763700002000-create-library.js';
import { CreateMeetings1763700003000 } from './1763700003000-create-meetings.js';
import { CreateModeration1763700004000 } from './1763700004000-create-moderation.js';
import { CreateSafety1763700005000 } from './1763700005000-create-safety.js';
import { ChatBlockedMessages1763700006000 } from './1763700006000-chat-blocked-messages.js';
import { ReplyFunction1763700007000 } from './1763700007000-reply-function.js';
import { UsersChangedNotify1763700008000 } from './1763700008000-users-changed-notify.js';
import { ModerationLogMessageText1763700009000 } from './1763700009000-moderation-log-message-text.js';
import { Erasures1764100000000 } from './1764100000000-erasures.js';
import { SessionAliases1764100001000 } from './1764100001000-session-aliases.js';
import { ApprovalNotices1764100002000 } from './1764100002000-approval-notices.js';
import { DetectionVerdicts1764300000000 } from './1764300000000-detection-verdicts.js';
import { CreateNotifications1764400000000 } from './1764400000000-create-notifications.js';
import { ThreadReads1764400001000 } from './1764400001000-thread-reads.js';
import { Sessions1764500000000 } from './1764500000000-sessions.js';
import { RecoveryCodes1764500001000 } from './1764500001000-recovery-codes.js';
import { ResetLinks1764500002000 } from './1764500002000-reset-links.js';
import { FacilitatorNames1764700000000 } from './1764700000000-facilitator-names.js';
import { ApprovalNotifications1764900000000 } from './1764900000000-approval-notifications.js';
import { Passkeys1764500003000 } from './1764500003000-passkeys.js';
import { OneItemPerTarget1765000000000 } from './1765000000000-one-item-per-target.js';
import { SupportiveActions1765000001000 } from './1765000001000-supportive-actions.js';
import { PushAndMilestones1765200000000 } from './1765200000000-push-and-milestones.js';
import { PushJob1765200001000 } from './1765200001000-push-job.js';
import { ArticleSearch1765100000000 } from './1765100000000-article-search.js';
import { TrueReplyCounts1765100001000 } from './1765100001000-true-reply-counts.js';
import { PushSession1765400000000 } from './1765400000000-push-session.js';
import { UserLocale1765500000000 } from './1765500000000-user-locale.js';
import { BoardTranslations1765600001000 } from './1765600001000-board-translations.js';
import { LibraryLanguages1765700000000 } from './1765700000000-library-languages.js';
import { UsersChangedLocale1765500001000 } from './1765500001000-users-changed-locale.js';

/** Every migration, in order. Append new ones; never edit one that has landed. */
export const MIGRATIONS = [
  CreateUsers1763700000000,
  CreateBoards1763700001000,
  CreateLibrary1763700002000,
  CreateMeetings1763700003000,
  CreateModeration1763700004000,
  CreateSafety1763700005000,
  ChatBlockedMessages1763700006000,
  ReplyFunction1763700007000,
  UsersChangedNotify1763700008000,
  ModerationLogMessageText1763700009000,
  Erasures1764100000000,
  SessionAliases1764100001000,
  ApprovalNotices1764100002000,
  DetectionVerdicts1764300000000,
  CreateNotifications1764400000000,
  ThreadReads1764400001000,
  Sessions1764500000000,
  RecoveryCodes1764500001000,
  ResetLinks1764500002000,
  FacilitatorNames1764700000000,
  ApprovalNotifications1764900000000,
  Passkeys1764500003000,
  OneItemPerTarget1765000000000,
  SupportiveActions1765000001000,
  PushAndMilestones1765200000000,
  PushJob1765200001000,
  ArticleSearch1765100000000,
  TrueReplyCounts1765100001000,
  PushSession1765400000000,
  UserLocale1765500000000,
  BoardTranslations1765600001000,
  LibraryLanguages1765700000000,
  UsersChangedLocale1765500001000,
];
