// Paints the picture of the reader's first screen that the app kept when it
// last went away (src/reader/firstScreen.ts), before the app's own script has
// run: inert, hidden from assistive technology, taken down by the app in the
// commit that paints the live screen. Asks main for the first screen's data
// (src/app/startup.ts takes the answers). Then starts the app's entry script
// (fetched meanwhile: a preload link, see renderer/vite.config.ts) — after
// the picture's first frame, so the app's start-up never delays it. A classic
// script, run as the page is parsed; anything wrong and the page opens as usual.
// The build puts it inline in index.html (renderer/vite.config.ts), allowed by
// the CSP through its hash: edit it, and FIRST_SCREEN_SCRIPT_HASH in
// main/core/security-policy.ts must change with it (a unit test says so).
(() => {
  const startApp = () => {
    // The entry's link comes after this script in the page: wait for the parser to reach it.
    if (document.readyState === 'loading')
      return void document.addEventListener('DOMContentLoaded', startApp, { once: true });
    const link = document.querySelector('link[data-gloss-entry]');
    if (!link) return; // a development server: the entry is a script tag of its own
    const script = document.createElement('script');
    script.type = 'module';
    script.crossOrigin = '';
    script.src = link.href;
    document.head.append(script);
  };
  let painted = false;
  try {
    const raw = localStorage.getItem('gloss:first-screen');
    const shot = raw && JSON.parse(raw);
    if (shot && shot.v === 2 && typeof shot.html === 'string') {
      const root = document.documentElement;
      if (shot.theme) root.dataset.theme = shot.theme;
      if (shot.fontSize) root.style.setProperty('--reader-font-size', shot.fontSize);
      const el = document.createElement('div');
      el.id = 'first-screen';
      el.className = 'first-screen';
      el.setAttribute('aria-hidden', 'true');
      el.inert = true;
      el.innerHTML = shot.html;
      // The picture carries styles as data (firstScreen.ts's STYLE_ATTR): the CSP refuses
      // style attributes in parsed HTML, and allows them set through the CSSOM.
      for (const s of el.querySelectorAll('[data-gloss-style]')) {
        s.style.cssText = s.getAttribute('data-gloss-style');
        s.removeAttribute('data-gloss-style');
      }
      document.body.insertBefore(el, document.getElementById('root'));
      const scroller = el.querySelector('.reader-scroll');
      if (scroller) scroller.scrollTop = shot.scrollTop || 0;
      painted = true;
    }
  } catch {
    // A damaged picture: nothing is shown.
  }
  // The first screen's data, asked for once the picture is up, so it arrives while the app's
  // script loads: the same requests as src/app/startup.ts, which takes these promises.
  try {
    const g = window.gloss;
    const settings = g.getSettings();
    const articles = g.listArticles();
    const lastId = settings.then(
      (s) => s.lastArticleId ?? null,
      () => null,
    );
    settings.catch(() => undefined);
    articles.catch(() => undefined);
    window.__glossStartup = {
      settings,
      articles,
      article: lastId.then((id) => (id ? g.getArticle({ id }).catch(() => null) : null)),
      annotations: lastId.then((id) => (id ? g.listAnnotations({ articleId: id }).catch(() => null) : null)),
    };
  } catch {
    // No bridge (a page opened outside the app): the app asks, or says what is wrong.
  }
  // requestAnimationFrame runs just before the frame is drawn; the task after it, just after.
  if (painted) requestAnimationFrame(() => setTimeout(startApp));
  else startApp();
})();
