/**
 * Which pictures are figures and which words are captions. A page's tracking
 * pixels, spacers and icons are not figures; a file name, an alt default
 * ("image", "IMG_2041") or the image's own slug is not a caption. Judged from
 * the markup alone; a stored picture's real size is checked by image-assets.ts.
 */

/** Below this many CSS pixels wide or high a picture is an icon, a pixel or a spacer. */
export const MIN_FIGURE_PX = 48;

const DECORATIVE_SRC =
  /(?:^|[/_.-])(?:spacer|blank|pixel|1x1|transparent|clear|tracking|beacon|pixel-?tracker)(?:[._-][\w-]*)?\.(?:gif|png)(?:[?#]|$)|[/.](?:pixel|beacon|tracking)[/?]|doubleclick\.net|facebook\.com\/tr\b|google-analytics\.com|scorecardresearch\.com|\/b\/ss\//i;
const DECORATIVE_CLASS =
  /(?:^|[\s_-])(?:icon|emoji|avatar|spinner|loader|spacer|tracking-pixel|wp-smiley)(?:$|[\s_-])/i;

function px(v: string | null): number | undefined {
  if (v === null) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(v);
  return m ? Number(m[1]) : undefined;
}

/** A tracking pixel, spacer, icon or emoji: never a figure. */
export function isDecorativeImage(img: Element): boolean {
  const w = px(img.getAttribute('width'));
  const h = px(img.getAttribute('height'));
  if ((w !== undefined && w < MIN_FIGURE_PX) || (h !== undefined && h < MIN_FIGURE_PX)) return true;
  if (/^(?:presentation|none)$/i.test(img.getAttribute('role') ?? '')) return true;
  const src = img.getAttribute('src') ?? '';
  // A data: GIF this short is at most a few pixels: the classic spacer.
  if (/^data:image\/gif/i.test(src) && src.length < 200) return true;
  return DECORATIVE_SRC.test(src) || DECORATIVE_CLASS.test(img.getAttribute('class') ?? '');
}

const FILE_NAME = /^[^\s/]+\.(?:jpe?g|png|gif|webp|avif|bmp|svg|tiff?|heic)$/i;
/** A slug: words joined by dashes or underscores, no spaces ("0225-lupita-nyongo-getty-01", "update_graphic_red_bar"). */
const SLUG = /^[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)+$/u;
/** Cameras' and CMSs' default names, and alt texts that say nothing. */
const DEFAULT_NAME =
  /^(?:(?:img|dsc|dscn|dscf|pxl|gopr|mvimg|screenshot|image|photo|picture|pic|untitled|file)[\s_-]?\d[\w-]*|(?:an?\s+)?(?:image|img|photo|photograph|picture|pic|graphic|figure|illustration|thumbnail|thumb|placeholder|untitled|alt|alt text|null|undefined|none|default|banner|featured image|hero image|main image|article image|lead image|header image|cover image|image placeholder|no alt text)(?:\s+\d+)?)$/i;

/** The stem of an image address's file name, as a caption made from it would read. */
function srcStem(src: string): string | undefined {
  let name = src.split(/[?#]/)[0].split('/').pop() ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Keep it as written.
  }
  name = name.replace(/\.[a-z0-9]{2,5}$/i, '').trim();
  return name || undefined;
}

const fold = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

/** Whether `text` (a figcaption or an alt) says what a picture shows, rather than what its file is called. */
export function captionWorthy(text: string, src: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (FILE_NAME.test(t) || SLUG.test(t) || DEFAULT_NAME.test(t)) return false;
  const stem = srcStem(src);
  return !(stem && fold(stem) === fold(t));
}
