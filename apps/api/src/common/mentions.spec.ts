import { parseMentions } from './mentions.js';

describe(parseMentions.name, () => {
  it('finds usernames and thread aliases, once each, in order', () => {
    const sut = parseMentions('Thanks @dawn2am and @Quiet Heron, also @Quiet Heron again and @DAWN2AM.');
    expect(sut).toEqual([
      { alias: null, username: 'dawn2am' },
      { alias: 'Quiet Heron', username: 'quiet' },
    ]);
  });

  it('reads a numbered alias and keeps a plain capitalised username', () => {
    expect(parseMentions('@Calm River 2 and @River')).toEqual([
      { alias: 'Calm River 2', username: 'calm' },
      { alias: null, username: 'river' },
    ]);
  });

  it('ignores e-mail addresses and code', () => {
    expect(parseMentions('mail me@example.org, `@inline` and\n```\n@fenced\n```\n')).toEqual([]);
  });

  it('stops at the limit', () => {
    const body = Array.from({ length: 15 }, (_, i) => `@member_${i}`).join(' ');
    expect(parseMentions(body)).toHaveLength(10);
    expect(parseMentions(body, 2).map((m) => m.username)).toEqual(['member_0', 'member_1']);
  });
});
