import { renderMarkdown } from './markdown.js';

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
