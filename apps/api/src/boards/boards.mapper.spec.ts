import type { PostRow } from './boards.rows.js';
import { toPostView } from './boards.mapper.js';

const author = '11111111-1111-4111-8111-111111111111';
const row = (fields: Partial<PostRow> = {}): PostRow => ({
  id: '22222222-2222-4222-8222-222222222222',
  threadId: '33333333-3333-4333-8333-333333333333',
  authorId: author,
  authorUsername: null,
  anonymous: true,
  alias: 'Quiet Heron',
  body: 'the words',
  html: '<p>the words</p>',
  replyToId: null,
  status: 'published',
  statusReason: null,
  contentWarning: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  editedAt: null,
  cursorMicros: '1',
  isOpeningPost: false,
  support: 1,
  relate: 0,
  proud: 2,
  mine: ['support'],
  ...fields,
});

const stranger = { id: '44444444-4444-4444-8444-444444444444', moderator: false };
const moderator = { id: '55555555-5555-4555-8555-555555555555', moderator: true };
const self = { id: author, moderator: false };

describe('toPostView', () => {
  it('never carries the author id; an anonymous author is only the alias', () => {
    for (const viewer of [null, stranger, moderator, self]) {
      const view = toPostView(row(), viewer);
      expect(JSON.stringify(view)).not.toContain(author);
      expect(view.author).toEqual({ type: 'anonymous', alias: 'Quiet Heron' });
    }
  });

  it('marks the post as the viewer’s own only for its author', () => {
    expect(toPostView(row(), self).isMine).toBe(true);
    expect(toPostView(row(), stranger).isMine).toBe(false);
    expect(toPostView(row(), null).isMine).toBe(false);
    expect(toPostView(row(), null).reactions.mine).toEqual([]);
  });

  it('blanks a hidden post for others, but not for its author (with the reason) or moderators', () => {
    const hidden = row({ status: 'hidden', statusReason: 'Flagged by members' });
    expect(toPostView(hidden, stranger)).toMatchObject({ body: '', html: '', status: 'hidden', moderation: null });
    expect(toPostView(hidden, moderator)).toMatchObject({ body: 'the words', moderation: null });
    expect(toPostView(hidden, self)).toMatchObject({ body: 'the words', moderation: { reason: 'Flagged by members' } });
  });

  it('shows removed text only to its author and deleted text to nobody', () => {
    const removed = row({ status: 'removed', statusReason: 'Shared a contact' });
    expect(toPostView(removed, moderator).html).toBe('');
    expect(toPostView(removed, self)).toMatchObject({
      html: '<p>the words</p>',
      moderation: { reason: 'Shared a contact' },
    });
    const deleted = row({ status: 'deleted' });
    expect(toPostView(deleted, self).body).toBe('');
    expect(toPostView(deleted, moderator).body).toBe('');
  });

  it('names a signed post’s author, or a former member once the account is gone', () => {
    expect(toPostView(row({ anonymous: false, alias: null, authorUsername: 'river' }), null).author).toEqual({
      type: 'member',
      username: 'river',
    });
    expect(toPostView(row({ anonymous: false, alias: null, authorId: null }), null).author).toEqual({ type: 'former' });
  });
});
