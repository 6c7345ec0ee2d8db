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
 * Per-session identity: a keyed hash of (session, member) gives a display alias and a
 * participant handle that are stable inside one session (across reconnects and tabs) and
 * cannot be linked across sessions or to the account without the server secret.
 */
export class SessionAlias {
  constructor(private readonly secret: string) {}

  private digest(kind: string, sessionId: string, userId: string): Buffer {
    return createHmac('sha256', this.secret).update(`${kind}:${sessionId}:${userId}`).digest();
  }

  alias(sessionId: string, userId: string): string {
    const d = this.digest('session', sessionId, userId);
    return `${ADJECTIVES[d.readUInt32BE(0) % ADJECTIVES.length]} ${NOUNS[d.readUInt32BE(4) % NOUNS.length]}`;
  }

  /** An opaque per-session handle used to address a participant (mute, remove, call on). */
  handle(sessionId: string, userId: string): string {
    return this.digest('participant', sessionId, userId).subarray(0, 12).toString('base64url');
  }
}
