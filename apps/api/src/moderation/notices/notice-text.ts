import { ACTION_REASONS, type ActionReason, type CrisisResource, type NoticeKind } from '@kindred/contracts';

const WHAT: Record<string, string> = { post: 'post', thread: 'thread', message: 'chat message' };

const SUPPORT =
  "We know this can feel hard. If you're struggling, the Need help now? page (/help) lists people you can reach any time.";
const APPEAL = 'You can appeal if you think we got this wrong.';

export const reasonText = (reason: string | null): string =>
  reason && reason in ACTION_REASONS
    ? ACTION_REASONS[reason as ActionReason].text
    : 'it did not follow the community guidelines';

export const untilText = (until: Date | null, permanent: boolean): string =>
  permanent || !until ? 'until further notice' : `until ${until.toUTCString()}`;

/** " 988 Suicide & Crisis Lifeline: call 988 or text 988. …" — numbers the member can use at once. */
function resourcesText(resources: CrisisResource[] | undefined): string {
  if (!resources || resources.length === 0) return ' the Need help now? page (/help) lists them.';
  return resources
    .map((r) => {
      const ways = [
        r.phone ? `call ${r.phone}` : null,
        r.sms ? `text ${r.sms.body ? `${r.sms.body} to ` : ''}${r.sms.number}` : null,
      ].filter(Boolean);
      return ` ${r.name}${ways.length ? `: ${ways.join(' or ')}` : ''}.`;
    })
    .join('');
}

/** The whole notice in kind words: why, what the member can still do, where help is, how to appeal. */
export function noticeText(notice: {
  kind: NoticeKind;
  targetType: string | null;
  reason: string | null;
  message: string | null;
  suspendedUntil: Date | null;
  appealable: boolean;
  permanent?: boolean;
  /** For `outreach`: the crisis resources, written out in the text too. */
  resources?: CrisisResource[];
}): string {
  const what = WHAT[notice.targetType ?? ''] ?? 'post';
  const note = notice.message ? ` A note from the moderator: "${notice.message}"` : '';
  const appeal = notice.appealable ? ` ${APPEAL}` : '';
  switch (notice.kind) {
    case 'removal':
      return `A moderator removed your ${what} because ${reasonText(notice.reason)}.${note} ${SUPPORT}${appeal}`;
    case 'warning':
      return `A moderator asked us to pass on a note about your ${what}, because ${reasonText(notice.reason)}.${note} You are welcome here; please take another look at the community guidelines. ${SUPPORT}`;
    case 'suspension':
      return `Your account is paused ${untilText(notice.suspendedUntil, notice.permanent ?? false)} because ${reasonText(notice.reason)}. You can still read everything here, but you cannot post, chat, react or flag until then.${note} ${SUPPORT}${appeal}`;
    case 'outreach':
      return `A moderator read what you shared and wanted to check in with you. You matter, and you don't have to carry this alone. If you are struggling or not safe right now, these people are there for you any time, free and confidential:${resourcesText(notice.resources)}${notice.message ? ` The moderator added: "${notice.message}"` : ''} You are welcome here whenever you want to talk, and nothing you wrote has been taken down.`;
    case 'approval':
      return `Thank you for waiting: a moderator read your ${what}, and it is now published for everyone to read.${note}`;
    case 'appeal_result':
      return notice.reason === 'appeal_accepted'
        ? `We looked at your appeal again and reversed the decision: ${reasonText(notice.reason)}. Thank you for telling us.${note}`
        : `We looked at your appeal again, and the decision stands.${note} ${SUPPORT}`;
  }
}
