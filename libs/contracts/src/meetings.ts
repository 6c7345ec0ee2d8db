import type { SafetyNotice } from './safety.js';
import type { AckFn } from './sockets.js';

/** Scheduled meetings (recurring text meetings run by facilitators) and their live chat. */

export type MeetingAudience = 'members' | 'open';
export const MEETING_AUDIENCES: MeetingAudience[] = ['members', 'open'];

/** scheduled → lobby (lobbyMinutes before the start) → live → ended. */
export type SessionStatus = 'scheduled' | 'lobby' | 'live' | 'ended';

/** Suggested format tags; meetings may use others. */
export const MEETING_TAG_SUGGESTIONS = [
  'newcomers welcome',
  'MAT-friendly',
  'family & friends',
  'relapse prevention',
  'women',
  'men',
  'LGBTQ+',
  'Spanish',
] as const;

export const MEETING_LIMITS = {
  nameMax: 100,
  descriptionMax: 2000,
  tagsMax: 8,
  tagMax: 32,
  durationMin: 15,
  durationMax: 180,
  lobbyMax: 30,
  lobbyDefault: 10,
  capacityMin: 2,
  capacityMax: 500,
  capacityDefault: 50,
  slowModeMax: 300,
  facilitatorsMax: 10,
  messageMax: 2000,
  /** Messages sent on join; a rejoin with afterId gets up to catchUpMax. */
  historyLimit: 100,
  catchUpMax: 500,
} as const;

export interface MeetingSchedule {
  /** RFC 5545 RRULE body (e.g. "FREQ=WEEKLY;BYDAY=TU"), or null for a one-off meeting. */
  rrule: string | null;
  /** IANA time zone the recurrence is computed in (e.g. "America/New_York"). */
  timezone: string;
  /** The first occurrence, ISO 8601 UTC. */
  startsAt: string;
  durationMinutes: number;
  lobbyMinutes: number;
}

export interface SessionView {
  /** Present once the occurrence has been stored (always for the room and single-meeting reads). */
  id?: string;
  startsAt: string;
  endsAt: string;
  status: SessionStatus;
  /** When the lobby opens (startsAt − lobbyMinutes). */
  lobbyOpensAt: string;
}

export interface MeetingView {
  id: string;
  name: string;
  description: string;
  tags: string[];
  audience: MeetingAudience;
  schedule: MeetingSchedule;
  capacity: number;
  slowModeSeconds: number;
  /** The current or next occurrence; for a one-off meeting that is over, its last one (status ended). */
  nextSession: SessionView | null;
  /** When the occurrence after nextSession starts (absent for a one-off meeting or a series that ends). */
  followingStartsAt?: string;
  rsvpCount: number;
  /** Whether the viewer RSVP'd for nextSession. */
  rsvpd: boolean;
  facilitators: string[];
  /** The viewer may edit and cancel (moderators and admins). */
  canManage: boolean;
  /** The viewer facilitates this meeting. */
  isFacilitator: boolean;
}

export interface MeetingListView {
  items: MeetingView[];
}

export interface CreateMeetingRequest {
  name: string;
  description?: string;
  tags?: string[];
  audience: MeetingAudience;
  startsAt: string;
  rrule?: string | null;
  timezone: string;
  durationMinutes: number;
  lobbyMinutes?: number;
  capacity?: number;
  slowModeSeconds?: number;
  /** Usernames. */
  facilitators?: string[];
}

export type UpdateMeetingRequest = Partial<CreateMeetingRequest>;

export interface RsvpView {
  rsvpd: boolean;
  rsvpCount: number;
  sessionId: string;
}

// ---------------------------------------------------------------- the room

export type ParticipantRole = 'facilitator' | 'member';

export interface Participant {
  /** A per-session handle for this person: stable within the session, unrelated to the account. */
  id: string;
  displayName: string;
  role: ParticipantRole;
  handRaised: boolean;
  muted: boolean;
}

export interface ChatMessageView {
  id: string;
  sessionId: string;
  /** The author's per-session participant handle (never the account). */
  participant: string;
  /** Only in the sender's own ack (and in history for the sender), to match a queued message. */
  clientId?: string;
  displayName: string;
  isFacilitator: boolean;
  /** Plain text; empty once removed. */
  body: string;
  createdAt: string;
  status: 'visible' | 'removed';
}

export interface RaisedHand {
  participant: string;
  displayName: string;
  raisedAt: string;
}

export interface RoomSessionView {
  id: string;
  status: SessionStatus;
  startsAt: string;
  endsAt: string;
}

export interface JoinResult {
  meeting: { id: string; name: string; audience: MeetingAudience };
  session: RoomSessionView;
  you: {
    /** Null for a guest (read-only). */
    participant: string | null;
    displayName: string | null;
    role: ParticipantRole | 'guest';
    mutedUntil: string | null;
    handRaised: boolean;
  };
  participants: Participant[];
  messages: ChatMessageView[];
  slowModeSeconds: number;
  /** Messages are deleted this many hours after the session ends. */
  retentionHours: number;
  /** The raised-hand queue (facilitators only; empty for others). */
  hands: RaisedHand[];
}

export interface JoinRequest {
  meetingId: string;
  /** The last message the client has; the ack then carries only newer messages. */
  afterId?: string;
  /** Appear under the account's username instead of the per-session alias. */
  useUsername?: boolean;
}

export interface SendMessageRequest {
  meetingId: string;
  /** A client-made id (UUID): resending the same one returns the stored message and broadcasts nothing. */
  clientId: string;
  body: string;
}

export interface MeetingRef {
  meetingId: string;
}

export interface ParticipantRef {
  meetingId: string;
  participant: string;
}

export interface MuteRequest extends ParticipantRef {
  /** Minutes (0 lifts a mute), or "session" for the rest of this session. */
  minutes: number | 'session';
}

export interface RemoveMessageRequest {
  messageId: string;
  reason: string;
}

export interface SlowModeRequest extends MeetingRef {
  seconds: number;
}

export interface ChatClientToServer {
  'meeting:join': (payload: JoinRequest, ack: AckFn<JoinResult>) => void;
  'meeting:leave': (payload: MeetingRef, ack: AckFn) => void;
  'message:send': (
    payload: SendMessageRequest,
    ack: AckFn<{ message: ChatMessageView; safety?: SafetyNotice }>,
  ) => void;
  typing: (payload: MeetingRef, ack: AckFn) => void;
  'hand:raise': (payload: MeetingRef, ack: AckFn) => void;
  'hand:lower': (payload: MeetingRef, ack: AckFn) => void;
  // Facilitators and moderators:
  'message:remove': (payload: RemoveMessageRequest, ack: AckFn) => void;
  'participant:mute': (payload: MuteRequest, ack: AckFn<{ until: string | null }>) => void;
  'participant:remove': (payload: ParticipantRef, ack: AckFn) => void;
  'meeting:slowmode': (payload: SlowModeRequest, ack: AckFn<{ seconds: number }>) => void;
  'meeting:end': (payload: MeetingRef, ack: AckFn) => void;
  'hand:call': (payload: { meetingId?: string; participant: string }, ack: AckFn) => void;
}

export interface ChatServerToClient {
  'message:new': (message: ChatMessageView) => void;
  /** `reason` only goes to the author. */
  'message:removed': (payload: { id: string; reason?: string }) => void;
  presence: (payload: { participants: Participant[]; guests: number }) => void;
  typing: (payload: { displayName: string }) => void;
  'session:status': (payload: { sessionId: string; status: SessionStatus; endsAt: string }) => void;
  /** The raised-hand queue, to facilitators. */
  hands: (payload: { queue: RaisedHand[] }) => void;
  /** A facilitator invited someone with a raised hand to share. */
  'hand:called': (payload: { participant: string; displayName: string }) => void;
  'meeting:slowmode': (payload: { seconds: number }) => void;
  /** Null until = the mute was lifted. */
  'you:muted': (payload: { until: string | null }) => void;
  'you:removed': (payload: { reason: string }) => void;
  /** The lobby of a meeting this member RSVP'd for just opened. */
  'meeting:opening': (payload: { meetingId: string; name: string; startsAt: string }) => void;
  /** To the session's facilitators only: a message in the room reads like someone may be in danger. */
  'safety:alert': (payload: FacilitatorSafetyAlert) => void;
}

/**
 * A crisis (`urgent`) message in a meeting, for the facilitators of that session. Names the
 * person only as the room already shows them (their session alias, or their username if they
 * chose to show it) — never the account behind an alias. Moderators are alerted separately.
 */
export interface FacilitatorSafetyAlert {
  sessionId: string;
  messageId: string;
  /** The author's per-session participant handle. */
  participant: string;
  displayName: string;
  level: 'urgent';
  at: string;
}

/** PUT /api/meetings/facilitator-name: the role name shown in every session a person facilitates. */
export interface FacilitatorNameRequest {
  name: string;
}
export interface FacilitatorNameView {
  /** As the room shows it: "Facilitator – Sam". */
  displayName: string;
}

/** How a chosen facilitator name is shown: marked as the role, whatever was typed. */
export function facilitatorDisplayName(chosen: string | null): string {
  const name = (chosen ?? '').trim();
  if (name === '') return 'Facilitator';
  return /^facilitator\b/i.test(name) ? name : `Facilitator – ${name}`;
}
