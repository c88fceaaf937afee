/**
 * A picture of the reader's first screen, painted at the next start before
 * the app's script has loaded. When the page goes away with an article on
 * screen, the part of it in view (the bar, the blocks down to the bottom of
 * the view, the top of the panel) is kept as HTML in localStorage — per data
 * folder in the desktop app, whose userData is the data folder.
 * `renderer/first-screen.js` (inline in index.html) shows it, inert and
 * hidden from assistive technology, over the page at the next start; the app drops it in the very
 * commit that puts the live reader (or the library) on screen, so the two are
 * never painted together. It is only a picture: a highlight changed from the
 * command line while the app was closed shows as it was for those few
 * milliseconds.
 */

/** The same key and shape `first-screen.js` reads (it cannot import this module). */
export const FIRST_SCREEN_KEY = 'gloss:first-screen';
export const FIRST_SCREEN_ID = 'first-screen';
export const STYLE_ATTR = 'data-gloss-style';

export interface FirstScreen {
  v: 2;
  html: string;
  scrollTop: number;
  theme: string;
  fontSize: string;
}

/** A reader scrolled far into a long article is not worth a picture this big: it opens as usual. */
const MAX_HTML = 400_000;
/** Panel items kept: more than a window shows. */
const PANEL_ITEMS = 20;

/** Shallow copy of `el` holding copies of its children that begin above `bottom` (chunks cut the same way). */
function cutAfter(el: Element, bottom: number): Element {
  const copy = el.cloneNode(false) as Element;
  for (const child of el.children) {
    if (child.getBoundingClientRect().top >= bottom) break;
    copy.append(child.classList.contains('chunk') ? cutAfter(child, bottom) : child.cloneNode(true));
  }
  return copy;
}

/** The open reader's first screen, or null when no article is on screen. */
export function captureFirstScreen(doc: Document = document): FirstScreen | null {
  const layout = doc.querySelector('#root .reader-layout');
  const scroller = layout?.querySelector('.reader-scroll');
  const article = scroller?.querySelector('article.article');
  if (!layout || !scroller || !article) return null;
  const bottom = scroller.getBoundingClientRect().bottom;
  const copy = layout.cloneNode(false) as Element;
  for (const part of layout.children) {
    if (part.classList.contains('reader-body')) {
      const body = part.cloneNode(false) as Element;
      const scroll = scroller.cloneNode(false) as Element;
      const content = scroller.querySelector('.reader-content')!.cloneNode(false) as Element;
      content.append(cutAfter(article, bottom));
      scroll.append(content);
      body.append(scroll);
      const panel = part.querySelector('.panel')?.cloneNode(true) as Element | undefined;
      if (panel) {
        panel.querySelectorAll(`.panel-item:nth-child(n + ${PANEL_ITEMS + 1})`).forEach((li) => li.remove());
        // The live list opens at its top: no space kept for items a scrolled window left out.
        panel.querySelector('.panel-list')?.removeAttribute('style');
        body.append(panel);
      }
      copy.append(body);
    } else if (part.matches('header')) copy.append(part.cloneNode(true));
  }
  // A picture: nothing in it can be focused or named as the live page's parts are.
  for (const el of copy.querySelectorAll('[id], [tabindex]')) {
    el.removeAttribute('id');
    el.removeAttribute('tabindex');
  }
  // Styles travel as data (STYLE_ATTR): the page's CSP refuses a style attribute
  // in parsed HTML (and reports it); first-screen.js sets them through the CSSOM.
  for (const el of copy.querySelectorAll<HTMLElement>('[style]')) {
    el.setAttribute(STYLE_ATTR, el.style.cssText);
    el.removeAttribute('style');
  }
  const html = `<div class="app">${copy.outerHTML}</div>`;
  if (html.length > MAX_HTML) return null;
  const root = doc.documentElement;
  return {
    v: 2,
    html,
    scrollTop: scroller.scrollTop,
    theme: root.dataset.theme ?? 'light',
    fontSize: root.style.getPropertyValue('--reader-font-size'),
  };
}

/** Keep the picture of what is on screen now (or forget the last one: the library is not pictured). */
export function saveFirstScreen(): void {
  try {
    const shot = captureFirstScreen();
    if (shot) localStorage.setItem(FIRST_SCREEN_KEY, JSON.stringify(shot));
    else localStorage.removeItem(FIRST_SCREEN_KEY);
  } catch {
    /* storage full or unavailable: the next start paints as usual */
  }
}

/** Take the picture down (the live UI is about to paint). */
export function dropFirstScreen(): void {
  document.getElementById(FIRST_SCREEN_ID)?.remove();
}

/** Picture the screen whenever the page may be going away: reload, close, hidden. */
export function installFirstScreenSaving(): void {
  window.addEventListener('pagehide', saveFirstScreen);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') saveFirstScreen();
  });
}
