/**
 * The one gate every piece of imported HTML passes before we read it:
 * DOMPurify over jsdom (scripts never enabled), configured stricter than its
 * defaults because Gloss keeps only text and still images. Nothing that can
 * run, load, navigate or submit survives; what comes out is a detached <body>
 * we walk for text. (The renderer shows block texts as text, never as HTML;
 * this is the second wall, not the only one.)
 */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import type { DOMWindow } from 'jsdom';

/** Elements removed together with everything inside them. */
const FORBID_TAGS = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'datalist',
  'output',
  'audio',
  'video',
  'source',
  'track',
  'canvas',
  'link',
  'meta',
  'base',
  'portal',
  'dialog',
  'title',
  'param',
  'xmp',
  'plaintext',
  'noembed',
  'noframes',
];

const CONFIG: Config = {
  FORBID_TAGS,
  // Don't keep the text of these either: code and UI chrome, not reading matter. A <form>'s
  // text is kept: ASP.NET and other sites wrap the whole page, article and all, in one.
  FORBID_CONTENTS: [...FORBID_TAGS.filter((t) => t !== 'form'), 'head'],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'xlink:href', 'ping', 'background', 'poster'],
  ALLOW_DATA_ATTR: false,
  // Only web and local-file links and relative URLs; data: stays allowed on <img> (DOMPurify's DATA_URI_TAGS).
  ALLOWED_URI_REGEXP: /^(?:https?:|file:|mailto:|#|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  SANITIZE_NAMED_PROPS: true,
  WHOLE_DOCUMENT: false,
  RETURN_DOM: true,
};

const purifiers = new WeakMap<object, DOMPurify>();

function purifierFor(window: DOMWindow): DOMPurify {
  let p = purifiers.get(window);
  if (!p) {
    p = createDOMPurify(window as unknown as Window & typeof globalThis);
    if (!p.isSupported) throw new Error('DOMPurify cannot run on this DOM implementation.');
    purifiers.set(window, p);
  }
  return p;
}

/** Sanitize `el` and its subtree where it stands (DOMPurify IN_PLACE); returns `el`. */
export function sanitizeElementInPlace(window: DOMWindow, el: HTMLElement): HTMLElement {
  const { RETURN_DOM: _, ...config } = CONFIG;
  purifierFor(window).sanitize(el, { ...config, IN_PLACE: true });
  return el;
}

/** Sanitize `html` and return it as a <body> element owned by `window`'s DOMPurify document. */
export function sanitizeHtml(window: DOMWindow, html: string): HTMLElement {
  const body = purifierFor(window).sanitize(html, { ...CONFIG, RETURN_DOM: true }) as unknown as HTMLElement;
  return body;
}
