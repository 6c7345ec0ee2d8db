import type { Participant, ParticipantRole, RaisedHand } from '@kindred/contracts';

/**
 * Live state of a meeting room: who is present (one entry per person, however many tabs),
 * raised hands, mutes, removals, slow mode and send/typing timers. It never touches the
 * database. The interface is async so that the shared implementation (RedisRoomStateStore,
 * used when REDIS_URL is set) can replace this in-memory one when Kindred runs several API
 * processes. room-state.store.int-spec.ts runs the same behaviour tests against both.
 */
export interface RoomPerson {
  participant: string;
  userId: string;
  displayName: string;
  role: ParticipantRole;
}

export interface SessionMeta {
  meetingId: string;
  startsAt: Date;
  endsAt: Date;
  endedEarlyAt: Date | null;
  lobbyMinutes: number;
}

export interface RoomStateStore {
  /** Session times, cached so sending a message needs no database read. */
  setSession(sessionId: string, meta: SessionMeta, slowModeSeconds: number): Promise<void>;
  session(sessionId: string): Promise<SessionMeta | null>;
  endSession(sessionId: string, at: Date): Promise<void>;

  /** Adds a socket of a person; `first` is true when the person was not present before. */
  join(sessionId: string, person: RoomPerson, socketId: string): Promise<{ first: boolean }>;
  /** Removes a socket; `last` is true when the person has no socket left. */
  leave(sessionId: string, participant: string, socketId: string): Promise<{ last: boolean }>;
  addGuest(sessionId: string, socketId: string): Promise<void>;
  removeGuest(sessionId: string, socketId: string): Promise<void>;
  /** Present people, in the order they arrived. */
  participants(sessionId: string, now: Date): Promise<Participant[]>;
  guestCount(sessionId: string): Promise<number>;
  presentCount(sessionId: string): Promise<number>;
  isPresent(sessionId: string, participant: string): Promise<boolean>;
  /** Anyone who has been in the room this session (present or not). */
  person(sessionId: string, participant: string): Promise<RoomPerson | null>;
  socketsOf(sessionId: string, participant: string): Promise<string[]>;

  raiseHand(sessionId: string, participant: string, at: Date): Promise<boolean>;
  lowerHand(sessionId: string, participant: string): Promise<boolean>;
  hands(sessionId: string): Promise<RaisedHand[]>;

  /** Mutes until `until` (null lifts the mute). */
  mute(sessionId: string, participant: string, until: Date | null): Promise<void>;
  mutedUntil(sessionId: string, participant: string, now: Date): Promise<Date | null>;
  remove(sessionId: string, participant: string): Promise<void>;
  isRemoved(sessionId: string, participant: string): Promise<boolean>;

  setSlowMode(sessionId: string, seconds: number): Promise<void>;
  slowMode(sessionId: string): Promise<number>;
  lastSentAt(sessionId: string, participant: string): Promise<number | null>;
  markSent(sessionId: string, participant: string, at: number): Promise<void>;
  /** True (and records the time) when this person may send another typing signal now. */
  allowTyping(sessionId: string, participant: string, at: number, intervalMs: number): Promise<boolean>;

  /** Sessions this store holds state for. */
  sessionIds(): Promise<string[]>;
  drop(sessionId: string): Promise<void>;

  /**
   * Shared stores only: called with the sessions whose people changed without a call from this
   * process (another API process died and its sockets were dropped; sockets written back after
   * a Redis outage), so the caller can push fresh presence.
   */
  onChange?(listener: (sessionIds: string[]) => void): void;
}

export const ROOM_STATE = Symbol('ROOM_STATE');

interface PersonState extends RoomPerson {
  sockets: Set<string>;
  arrivedAt: number;
  handRaisedAt: number | null;
  mutedUntil: number | null;
  removed: boolean;
  lastSentAt: number | null;
  lastTypingAt: number;
}

interface Room {
  meta: SessionMeta | null;
  slowModeSeconds: number;
  people: Map<string, PersonState>;
  guests: Set<string>;
}

/** The single-process store. */
export class InMemoryRoomStateStore implements RoomStateStore {
  private readonly rooms = new Map<string, Room>();
  /** Arrival order (a counter, not the clock: two people can arrive within one millisecond). */
  private arrivals = 0;

  private room(sessionId: string): Room {
    let room = this.rooms.get(sessionId);
    if (!room) {
      room = { meta: null, slowModeSeconds: 0, people: new Map(), guests: new Set() };
      this.rooms.set(sessionId, room);
    }
    return room;
  }

  private get(sessionId: string, participant: string): PersonState | undefined {
    return this.rooms.get(sessionId)?.people.get(participant);
  }

  async setSession(sessionId: string, meta: SessionMeta, slowModeSeconds: number): Promise<void> {
    const room = this.room(sessionId);
    if (!room.meta) room.slowModeSeconds = slowModeSeconds;
    room.meta = { ...meta };
  }

  async session(sessionId: string): Promise<SessionMeta | null> {
    return this.rooms.get(sessionId)?.meta ?? null;
  }

  async endSession(sessionId: string, at: Date): Promise<void> {
    const meta = this.rooms.get(sessionId)?.meta;
    if (meta && !meta.endedEarlyAt) meta.endedEarlyAt = at;
  }

  async join(sessionId: string, person: RoomPerson, socketId: string): Promise<{ first: boolean }> {
    const room = this.room(sessionId);
    const existing = room.people.get(person.participant);
    if (existing) {
      const first = existing.sockets.size === 0;
      existing.displayName = person.displayName;
      existing.role = person.role;
      existing.sockets.add(socketId);
      if (first) existing.arrivedAt = ++this.arrivals;
      return { first };
    }
    room.people.set(person.participant, {
      ...person,
      sockets: new Set([socketId]),
      arrivedAt: ++this.arrivals,
      handRaisedAt: null,
      mutedUntil: null,
      removed: false,
      lastSentAt: null,
      lastTypingAt: 0,
    });
    return { first: true };
  }

  async leave(sessionId: string, participant: string, socketId: string): Promise<{ last: boolean }> {
    const person = this.get(sessionId, participant);
    if (!person || !person.sockets.delete(socketId)) return { last: false };
    return { last: person.sockets.size === 0 };
  }

  async addGuest(sessionId: string, socketId: string): Promise<void> {
    this.room(sessionId).guests.add(socketId);
  }

  async removeGuest(sessionId: string, socketId: string): Promise<void> {
    this.rooms.get(sessionId)?.guests.delete(socketId);
  }

  async participants(sessionId: string, now: Date): Promise<Participant[]> {
    const room = this.rooms.get(sessionId);
    if (!room) return [];
    return [...room.people.values()]
      .filter((p) => p.sockets.size > 0 && !p.removed)
      .sort((a, b) => a.arrivedAt - b.arrivedAt)
      .map((p) => ({
        id: p.participant,
        displayName: p.displayName,
        role: p.role,
        handRaised: p.handRaisedAt !== null,
        muted: p.mutedUntil !== null && p.mutedUntil > now.getTime(),
      }));
  }

  async guestCount(sessionId: string): Promise<number> {
    return this.rooms.get(sessionId)?.guests.size ?? 0;
  }

  async presentCount(sessionId: string): Promise<number> {
    const room = this.rooms.get(sessionId);
    if (!room) return 0;
    let count = 0;
    for (const p of room.people.values()) if (p.sockets.size > 0 && !p.removed) count++;
    return count;
  }

  async isPresent(sessionId: string, participant: string): Promise<boolean> {
    return (this.get(sessionId, participant)?.sockets.size ?? 0) > 0;
  }

  async person(sessionId: string, participant: string): Promise<RoomPerson | null> {
    const p = this.get(sessionId, participant);
    return p ? { participant: p.participant, userId: p.userId, displayName: p.displayName, role: p.role } : null;
  }

  async socketsOf(sessionId: string, participant: string): Promise<string[]> {
    return [...(this.get(sessionId, participant)?.sockets ?? [])];
  }

  async raiseHand(sessionId: string, participant: string, at: Date): Promise<boolean> {
    const p = this.get(sessionId, participant);
    if (!p || p.handRaisedAt !== null) return false;
    p.handRaisedAt = at.getTime();
    return true;
  }

  async lowerHand(sessionId: string, participant: string): Promise<boolean> {
    const p = this.get(sessionId, participant);
    if (!p || p.handRaisedAt === null) return false;
    p.handRaisedAt = null;
    return true;
  }

  async hands(sessionId: string): Promise<RaisedHand[]> {
    const room = this.rooms.get(sessionId);
    if (!room) return [];
    return [...room.people.values()]
      .filter((p) => p.handRaisedAt !== null && p.sockets.size > 0 && !p.removed)
      .sort((a, b) => (a.handRaisedAt ?? 0) - (b.handRaisedAt ?? 0))
      .map((p) => ({
        participant: p.participant,
        displayName: p.displayName,
        raisedAt: new Date(p.handRaisedAt ?? 0).toISOString(),
      }));
  }

  async mute(sessionId: string, participant: string, until: Date | null): Promise<void> {
    const p = this.get(sessionId, participant);
    if (p) p.mutedUntil = until ? until.getTime() : null;
  }

  async mutedUntil(sessionId: string, participant: string, now: Date): Promise<Date | null> {
    const until = this.get(sessionId, participant)?.mutedUntil ?? null;
    return until !== null && until > now.getTime() ? new Date(until) : null;
  }

  async remove(sessionId: string, participant: string): Promise<void> {
    const p = this.get(sessionId, participant);
    if (p) {
      p.removed = true;
      p.handRaisedAt = null;
    }
  }

  async isRemoved(sessionId: string, participant: string): Promise<boolean> {
    return this.get(sessionId, participant)?.removed ?? false;
  }

  async setSlowMode(sessionId: string, seconds: number): Promise<void> {
    this.room(sessionId).slowModeSeconds = seconds;
  }

  async slowMode(sessionId: string): Promise<number> {
    return this.rooms.get(sessionId)?.slowModeSeconds ?? 0;
  }

  async lastSentAt(sessionId: string, participant: string): Promise<number | null> {
    return this.get(sessionId, participant)?.lastSentAt ?? null;
  }

  async markSent(sessionId: string, participant: string, at: number): Promise<void> {
    const p = this.get(sessionId, participant);
    if (p) p.lastSentAt = at;
  }

  async allowTyping(sessionId: string, participant: string, at: number, intervalMs: number): Promise<boolean> {
    const p = this.get(sessionId, participant);
    if (!p || at - p.lastTypingAt < intervalMs) return false;
    p.lastTypingAt = at;
    return true;
  }

  async sessionIds(): Promise<string[]> {
    return [...this.rooms.keys()];
  }

  async drop(sessionId: string): Promise<void> {
    this.rooms.delete(sessionId);
  }
}
