import { renderArticle, slugifyHeading, splitSections } from './article-sections.js';

describe(slugifyHeading.name, () => {
  it.each([
    ['Starting buprenorphine (induction)', 'starting-buprenorphine-induction'],
    ["What naloxone is, and what it isn't", 'what-naloxone-is-and-what-it-isnt'],
    ['Family & friends', 'family-and-friends'],
    ['Café — naïve', 'cafe-naive'],
    ['!!!', 'section'],
  ])('turns "%s" into "%s"', (heading, anchor) => {
    expect(slugifyHeading(heading)).toBe(anchor);
  });

  it('keeps anchors short', () => {
    expect(slugifyHeading('word '.repeat(40)).length).toBeLessThanOrEqual(80);
  });
});

describe(splitSections.name, () => {
  const markdown = [
    'Intro paragraph.',
    '',
    '## Methadone',
    '',
    'Daily at a clinic.',
    '',
    '## Buprenorphine',
    '',
    'A partial agonist.',
    '',
    '### Starting buprenorphine (induction)',
    '',
    'Wait for withdrawal.',
    '',
    '```',
    '## not a heading inside code',
    '```',
    '',
    '## Methadone',
    '',
    'Said twice.',
    '',
    '## A note on this article',
    '',
    'General information, not medical advice.',
  ].join('\n');

  it('splits at ## headings, keeps ### inside their section and ignores fenced code', () => {
    const sut = splitSections(markdown);
    expect(sut.intro).toBe('Intro paragraph.');
    expect(sut.sections.map((s) => s.heading)).toEqual([
      'Methadone',
      'Buprenorphine',
      'Methadone',
      'A note on this article',
    ]);
    expect(sut.sections[1].markdown).toContain('### Starting buprenorphine (induction)');
    expect(sut.sections[1].markdown).toContain('## not a heading inside code');
    expect(sut.sections[1].bodyText).toContain('Wait for withdrawal.');
    expect(sut.sections.map((s) => s.position)).toEqual([0, 1, 2, 3]);
  });

  it('gives every section a stable anchor, unique within the article', () => {
    const first = splitSections(markdown).sections.map((s) => s.anchor);
    expect(first).toEqual(['methadone', 'buprenorphine', 'methadone-2', 'a-note-on-this-article']);
    expect(splitSections(markdown).sections.map((s) => s.anchor)).toEqual(first);
  });

  it('leaves the closing note out of matching', () => {
    expect(splitSections(markdown).sections.map((s) => s.matchable)).toEqual([true, true, true, false]);
  });

  it('leaves the Spanish closing note out too, with an anchor without accents', () => {
    const sut = splitSections('## Metadona\n\nCada día.\n\n## Una nota sobre este artículo\n\nInformación general.');
    expect(sut.sections.map((s) => [s.anchor, s.matchable])).toEqual([
      ['metadona', true],
      ['una-nota-sobre-este-articulo', false],
    ]);
  });
});

describe(renderArticle.name, () => {
  it('renders sanitised HTML with the anchors as ids on the h2 headings', () => {
    const sut = renderArticle(
      'Hello <script>alert(1)</script>\n\n## First part\n\nText with [a link](javascript:alert(1)).\n\n## Second',
    );
    expect(sut.html).toContain('<h2 id="first-part">First part</h2>');
    expect(sut.html).toContain('<h2 id="second">Second</h2>');
    expect(sut.html).not.toContain('<script');
    expect(sut.html).not.toContain('javascript:');
    expect(sut.sections.map((s) => s.anchor)).toEqual(['first-part', 'second']);
  });
});
