/**
 * The baselines of the browser scenarios: the same article or library list as
 * plain, server-made HTML with the app's own CSS and the same wrapper elements
 * and classes, so the browser does the same layout and paint minus the app.
 */
import type { Article, ArticleSummary, Block } from '@core/document/types';
import type { Annotation } from '@core/annotations/types';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(title: string, cssHref: string, body: string): string {
  return `<!doctype html><html lang="en" data-theme="light"><head><meta charset="utf-8"><title>${esc(title)}</title><link rel="stylesheet" href="${cssHref}"></head><body style="--reader-font-size: 19px"><div id="root"><div class="app">${body}</div></div></body></html>`;
}

/** A block's text with `<mark>`s where highlights cover it (highlights here never overlap). */
function blockText(block: Block, marks: readonly Annotation[]): string {
  let out = '';
  let at = block.start;
  for (const a of marks) {
    const s = Math.max(block.start, a.target.position.start);
    const e = Math.min(block.end, a.target.position.end);
    if (e <= s || s < at) continue;
    out += esc(block.text.slice(at - block.start, s - block.start));
    out += `<mark class="hl hl-${a.color}">${esc(block.text.slice(s - block.start, e - block.start))}</mark>`;
    at = e;
  }
  return out + esc(block.text.slice(at - block.start));
}

function blockHtml(block: Block, marks: readonly Annotation[]): string {
  const t = blockText(block, marks);
  switch (block.kind) {
    case 'title':
      return `<h1 class="b-title">${t}</h1>`;
    case 'standfirst':
      return `<p class="b-standfirst">${t}</p>`;
    case 'heading':
      return `<h${Math.min(6, block.level + 1)} class="b-heading">${t}</h${Math.min(6, block.level + 1)}>`;
    case 'paragraph':
      return `<p class="b-paragraph">${t}</p>`;
    case 'quote':
      return `<blockquote class="b-quote"><p>${t}</p></blockquote>`;
    case 'list-item':
      return `<ul class="b-list"><li class="b-list-item">${t}</li></ul>`;
    case 'caption':
      return `<figure class="b-caption"><figcaption>${t}</figcaption></figure>`;
    case 'related':
      return `<aside class="b-related"><p>${t}</p></aside>`;
    case 'table': {
      const rows = block.rows.map(
        (r) => `<tr>${r.map((c) => `<td>${esc(block.text.slice(c.start, c.end))}</td>`).join('')}</tr>`,
      );
      return `<table class="b-table"><tbody>${rows.join('')}</tbody></table>`;
    }
  }
}

export function articlePage(article: Article, annotations: readonly Annotation[], cssHref: string): string {
  const sorted = [...annotations].sort((a, b) => a.target.position.start - b.target.position.start);
  let i = 0;
  const blocks: string[] = [];
  for (const b of article.blocks) {
    while (i < sorted.length && sorted[i].target.position.end <= b.start) i++;
    const mine: Annotation[] = [];
    for (let j = i; j < sorted.length && sorted[j].target.position.start < b.end; j++) mine.push(sorted[j]);
    blocks.push(blockHtml(b, mine));
  }
  const bar = `<header class="reader-bar"><button type="button" class="back">Library</button><span class="reader-bar-title">${esc(article.meta.title)}</span></header>`;
  const body = `<div class="reader-layout">${bar}<div class="reader-body"><div class="reader-scroll"><div class="reader-content"><article class="article">${blocks.join('\n')}</article></div></div></div></div>`;
  return page(article.meta.title, cssHref, body);
}

export function libraryPage(rows: readonly ArticleSummary[], cssHref: string): string {
  const date = (iso: string) =>
    new Date(iso).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  const items = rows.map((a) => {
    const meta = [a.source, date(a.published ?? a.importedAt)].filter(Boolean).join(' · ');
    return `<li class="article-row"><button type="button" class="article-open"><span class="article-title">${esc(a.title)}</span><span class="article-meta">${esc(meta)}<span class="article-count">${a.annotationCount} highlights · ${a.wordCount} words</span></span></button><button type="button" class="icon remove">Remove</button></li>`;
  });
  const body = `<main class="library"><header class="library-header"><h1>Library</h1></header><ul class="article-list">${items.join('\n')}</ul></main>`;
  return page('Library', cssHref, body);
}

/** The notebook's first screen as Gloss painted it (its `main.notebook` element's HTML), served whole. */
export function notebookPage(mainHtml: string, cssHref: string): string {
  return page('Notebook', cssHref, mainHtml);
}
