import { createHmac } from 'node:crypto';

const ADJECTIVES = [
  'Quiet',
  'Steady',
  'Gentle',
  'Bright',
  'Calm',
  'Brave',
  'Kind',
  'Patient',
  'Hopeful',
  'Warm',
  'Clear',
  'Hardy',
  'Honest',
  'Open',
  'Soft',
  'Still',
  'Sunny',
  'Tender',
  'True',
  'Willing',
  'Amber',
  'Silver',
  'Golden',
  'Misty',
  'Rising',
  'Early',
  'Evening',
  'Morning',
  'Northern',
  'Southern',
  'Wandering',
  'Resting',
  'Growing',
  'Mending',
  'Careful',
  'Curious',
  'Faithful',
  'Humble',
  'Lively',
  'Mellow',
];

const NOUNS = [
  'Heron',
  'Willow',
  'River',
  'Harbor',
  'Meadow',
  'Sparrow',
  'Cedar',
  'Lantern',
  'Otter',
  'Pine',
  'Robin',
  'Stone',
  'Brook',
  'Fern',
  'Finch',
  'Maple',
  'Owl',
  'Pebble',
  'Wren',
  'Aspen',
  'Birch',
  'Canyon',
  'Comet',
  'Dune',
  'Ember',
  'Falcon',
  'Grove',
  'Hill',
  'Island',
  'Lake',
  'Moss',
  'Oak',
  'Prairie',
  'Reed',
  'Shore',
  'Spruce',
  'Swallow',
  'Thistle',
  'Valley',
  'Harvest',
];

/**
 * Per-session identity: a keyed hash of (session, member) gives display alias candidates and a
 * participant handle that cannot be linked across sessions or to the account without the server
 * secret. The alias a member actually carries is the first candidate no one else in the session
 * has (SessionsRepository.assignAlias), so it is stable across reconnects and unique.
 */
export class SessionAlias {
  constructor(private readonly secret: string) {}

  private digest(kind: string, sessionId: string, userId: string): Buffer {
    return createHmac('sha256', this.secret).update(`${kind}:${sessionId}:${userId}`).digest();
  }

  /** `count` alias candidates for this member in this session, most preferred first. */
  aliasCandidates(sessionId: string, userId: string, count = 24): string[] {
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const d = this.digest(i === 0 ? 'session' : `session#${i}`, sessionId, userId);
      out.push(`${ADJECTIVES[d.readUInt32BE(0) % ADJECTIVES.length]} ${NOUNS[d.readUInt32BE(4) % NOUNS.length]}`);
    }
    // Past the word pairs (a very full session), a number keeps the last candidate unique.
    const d = this.digest('session#n', sessionId, userId);
    out.push(`${out[0]} ${100 + (d.readUInt32BE(0) % 900)}`);
    return out;
  }

  /**
   * An opaque per-session handle used to address a participant (mute, remove, call on). It is
   * keyed by the name shown too, so a member who joins once under their username and once under
   * the alias carries two unrelated handles: the handle never outlives the identity it was shown
   * under, and no payload links the alias to the account.
   */
  handle(sessionId: string, userId: string, displayName: string): string {
    return this.digest('participant', sessionId, `${userId}:${displayName}`).subarray(0, 12).toString('base64url');
  }
}
