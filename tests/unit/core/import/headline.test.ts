import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorNames, chooseByline } from '@core/import/authors';
import { chooseHeadline, splitSiteName } from '@core/import/headline';
import { parseHtmlString } from '@core/import/html';
import { importFixturePage } from '../../helpers/fixture-pages';

describe('The headline', () => {
  it('is the <h1> when it agrees with a title, and the site’s name cut off the title is the source', async () => {
    const { article } = await importFixturePage('harbour-courier.html');
    assert.equal(article.meta.title, 'Ferry crews walk out over pay as island services halt');
    assert.equal(article.meta.source, 'The Harbour Courier');
  });

  it('is never the site’s generic title: the article’s <h1> is chosen, not the logo’s', async () => {
    const { article } = await importFixturePage('portal-headline.html');
    assert.equal(article.meta.title, 'Russia: Space ship malfunctions after launch, agency says');
    assert.equal(article.meta.source, 'Daily Portal News');
  });

  it('loses a site suffix after " - ", " | ", " — " or a site prefix, known from og:site_name or guessed when short', () => {
    assert.deepEqual(splitSiteName('Storm closes schools - BBC News', []), {
      title: 'Storm closes schools',
      site: 'BBC News',
    });
    assert.deepEqual(splitSiteName('Storm closes schools | The Guardian', ['The Guardian']), {
      title: 'Storm closes schools',
      site: 'The Guardian',
    });
    assert.deepEqual(splitSiteName('Le Monde — Storm closes schools in the north', ['Le Monde']), {
      title: 'Storm closes schools in the north',
      site: 'Le Monde',
    });
    assert.deepEqual(splitSiteName('Storm closes schools – BBC', ['BBC News']), {
      title: 'Storm closes schools',
      site: 'BBC',
    });
    // A dash inside a headline is not a site's name.
    assert.deepEqual(splitSiteName('Pay talks - what the union wants and why the operator says no', []), {
      title: 'Pay talks - what the union wants and why the operator says no',
    });
  });

  it('follows og:title over an <h1> that is only a section name, and JSON-LD’s headline over og:title', () => {
    assert.deepEqual(
      chooseHeadline({ ogTitle: 'Storm closes schools - BBC News', h1s: ['World'], siteNames: [] }),
      { title: 'Storm closes schools', site: 'BBC News' },
    );
    assert.equal(
      chooseHeadline({
        ldHeadline: 'Storm closes every school in the county',
        ogTitle: 'Schools shut',
        h1s: [],
        siteNames: ['Courier'],
      }).title,
      'Storm closes every school in the county',
    );
    assert.equal(
      chooseHeadline({
        docTitle: 'Yahoo News - Latest News & Headlines',
        h1s: ['Yahoo News', 'Ship lost'],
        siteNames: [],
      }).title,
      'Ship lost',
    );
  });
});

describe('Authors', () => {
  const cases: Array<[string, string[]]> = [
    ['By Jane Doe', ['Jane Doe']],
    ['Lucas Nolan22 Dec 2016651', ['Lucas Nolan']],
    ['Nathan Willis March 25, 2015', ['Nathan Willis']],
    ['http://www.liberation.fr/auteur/2005-afp', ['AFP']],
    ['https://news.example/people/jane-doe', ['Jane Doe']],
    ['https://www.facebook.example/profile.php?id=1000123', []],
    ['By Jane Doe and John Roe, Staff Writers', ['Jane Doe', 'John Roe']],
    ['Jane Doe | Updated 3 hours ago', ['Jane Doe']],
    ['Written by Ana Ruiz, jane@example.com', ['Ana Ruiz']],
    ['By JANE DOE & Jane Doe', ['JANE DOE']],
    ['Staff Reporter', []],
  ];
  for (const [raw, names] of cases)
    it(`“${raw}” → ${names.length ? names.join(' · ') : 'no name'}`, () =>
      assert.deepEqual(authorNames(raw), names));

  it('keep several names as a list and come from the first field that has names', () => {
    assert.equal(
      chooseByline([undefined, ['Staff'], ['Nathan Willis', 'Priya Raman, Staff Writer']]),
      'Nathan Willis, Priya Raman',
    );
  });

  it('on a page: JSON-LD’s names before a meta author with a date glued on', async () => {
    const { article } = await importFixturePage('portal-headline.html');
    assert.equal(article.meta.byline, 'Nathan Willis, Priya Raman');
  });

  it('on a page: the printed byline cleaned, before a name guessed from a profile URL', async () => {
    const { article } = await importFixturePage('harbour-courier.html');
    assert.equal(article.meta.byline, 'Lucas Nolan');
    const urlOnly = parseHtmlString(
      `<html><head><title>Strike</title><meta property="article:author" content="http://www.liberation.fr/auteur/2005-afp"></head><body><article>${'<p>The strike went on for a second day, with no talks planned and no sailings expected before the weekend at the earliest.</p>'.repeat(3)}</article></body></html>`,
    );
    assert.equal(urlOnly.meta.byline, 'AFP');
  });
});

describe('The published date', () => {
  it('comes from JSON-LD before article:published_time before <time>', () => {
    const body = `<article><time datetime="2020-01-03">3 Jan</time>${'<p>The council met again on Friday to discuss the budget for the coming year, and again could not agree.</p>'.repeat(3)}</article>`;
    const ld =
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-01T09:00:00Z"}</script>';
    const og = '<meta property="article:published_time" content="2020-01-02T09:00:00Z">';
    const at = (head: string) =>
      parseHtmlString(`<html><head><title>Budget</title>${head}</head><body>${body}</body></html>`).meta
        .published;
    assert.equal(at(ld + og), '2020-01-01T09:00:00Z');
    assert.equal(at(og), '2020-01-02T09:00:00Z');
    assert.equal(at(''), '2020-01-03');
  });
});
