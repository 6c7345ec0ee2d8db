import {
  MAX_MARKDOWN_CONTAINERS,
  MAX_MARKDOWN_NESTING,
  MAX_MARKS_PER_PARAGRAPH,
  renderMarkdown,
  toPlainText,
} from './markdown.js';

describe(renderMarkdown.name, () => {
  it('renders Markdown emphasis and lists', () => {
    expect(renderMarkdown('**day 3**\n\n- water\n- rest')).toBe(
      '<p><strong>day 3</strong></p>\n<ul>\n<li>water</li>\n<li>rest</li>\n</ul>',
    );
  });

  it('drops raw HTML, scripts and event handlers', () => {
    const html = renderMarkdown('hi <script>alert(1)</script><img src=x onerror=alert(1)><b onclick="x()">b</b>');
    expect(html).not.toMatch(/script|onerror|onclick|<img/);
  });

  it('marks external links nofollow ugc noopener and refuses javascript: and data: URLs', () => {
    expect(renderMarkdown('[help](https://988lifeline.org)')).toContain('rel="nofollow ugc noopener noreferrer"');
    const bad = renderMarkdown(
      '[x](javascript:alert(1)) [y](data:text/html;base64,PHNjcmlwdD4=) [z](JaVaScRiPt:alert(1))',
    );
    expect(bad).not.toMatch(/href=/);
  });

  it('keeps images only from Kindred itself', () => {
    expect(renderMarkdown('![a](https://evil.example/t.png)')).not.toContain('<img');
    expect(renderMarkdown('![a](/favicon.svg)')).toContain('<img src="/favicon.svg" alt="a"');
  });
});

describe('renderMarkdown bounds (issue #13)', () => {
  const cpuMs = (fn: () => unknown): number => {
    let best = Infinity;
    // The cheapest of five runs: another process or a GC can only make a run slower.
    for (let i = 0; i < 5; i++) {
      const start = process.cpuUsage();
      try {
        fn();
      } catch {
        /* refused */
      }
      const used = process.cpuUsage(start);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    return best;
  };
  const fill = (unit: string, length = 20_000): string => unit.repeat(Math.floor(length / unit.length));

  it('refuses 2,000 nested quotes with a 422 naming the field instead of overflowing the stack', () => {
    expect(() => renderMarkdown('>'.repeat(2000))).toThrow(
      expect.objectContaining({ code: 'unprocessable', message: expect.stringMatching(/^body: quotes and lists/) }),
    );
    expect(() => renderMarkdown(`${'  '.repeat(40)}- deep`)).toThrow(
      expect.objectContaining({ code: 'unprocessable' }),
    );
    expect(() => renderMarkdown('- '.repeat(40) + 'a')).toThrow(expect.objectContaining({ code: 'unprocessable' }));
    expect(() => renderMarkdown('>>>>> a\n\n'.repeat(500))).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/more than 2000 quote and list markers/) }),
    );
  });

  it('refuses a paragraph of thousands of emphasis marks instead of spending a second on it', () => {
    expect(() => renderMarkdown('_a_'.repeat(6666))).toThrow(
      expect.objectContaining({ code: 'unprocessable', message: expect.stringMatching(/formatting marks/) }),
    );
    expect(() => renderMarkdown('*'.repeat(10000) + 'a' + '*'.repeat(10000))).toThrow(
      expect.objectContaining({ code: 'unprocessable' }),
    );
  });

  it('still renders ordinary nesting, separator lines and emphasis', () => {
    expect(renderMarkdown('> quoted\n>> twice\n\n- a\n  - b\n    - c')).toContain('<blockquote>');
    expect(renderMarkdown('before\n\n- - - - - - - - - - - - - -\n\nafter')).toContain('<hr />');
    expect(renderMarkdown(fill('Day **three**, _still_ here. ', 3000))).toContain('<strong>three</strong>');
  });

  it('renders the worst text within the bounds in a few times the time of prose of the same length', () => {
    const prose = fill(
      `${'Day three and the aches are **bad**, but I am _still_ here and [reading](/library). '.repeat(8)}\n\n`,
    );
    const worst = [
      fill(`${'_a_'.repeat(Math.floor(MAX_MARKS_PER_PARAGRAPH / 2))}\n\n`),
      fill(`${'*'.repeat(MAX_MARKS_PER_PARAGRAPH / 2)}a${'*'.repeat(MAX_MARKS_PER_PARAGRAPH / 2)}\n\n`),
      fill(`${'['.repeat(MAX_MARKS_PER_PARAGRAPH)}\n\n`),
      `${`${'>'.repeat(MAX_MARKDOWN_NESTING)} a\n\n`.repeat(MAX_MARKDOWN_CONTAINERS / MAX_MARKDOWN_NESTING)}${prose}`.slice(
        0,
        20_000,
      ),
      `${`${Array.from({ length: MAX_MARKDOWN_NESTING }, (_, i) => `${'  '.repeat(i)}- a`).join('\n')}\n\n`.repeat(20)}${prose}`.slice(
        0,
        20_000,
      ),
    ];
    renderMarkdown(prose); // warm up
    for (const text of worst) {
      expect(() => renderMarkdown(text)).not.toThrow();
      // Prose and the worst text measured in turn, so load on a shared machine slows both alike.
      let base = Infinity;
      let cost = Infinity;
      // Seven rounds, the least of each: a garbage collection or a burst of load lands on one round.
      for (let i = 0; i < 7; i++) {
        base = Math.min(
          base,
          cpuMs(() => renderMarkdown(prose)),
        );
        cost = Math.min(
          cost,
          cpuMs(() => renderMarkdown(text)),
        );
      }
      // About 9x prose at worst when measured in turn on a quiet machine (3.5 ms → 31 ms for 20,000
      // characters), up to 20x in a loaded run (garbage collection lands on the worst texts, which
      // allocate most); the unbounded renderer took about a second (300x). 30x keeps that apart.
      expect(cost).toBeLessThan(base * 30 + 5);
    }
  });
});

describe(toPlainText.name, () => {
  it('is the characters themselves, with no Markdown, tags or HTML entities', () => {
    expect(
      toPlainText('**Fear & hope** <img src=x onerror=alert(1)> 5 < 6, "quoted" [a link](https://example.org)'),
    ).toBe('Fear & hope 5 < 6, "quoted" a link');
  });
});
