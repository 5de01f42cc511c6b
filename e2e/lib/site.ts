import type { Browser, Locator, Page } from '@playwright/test';

/** One HTML page found by crawling, with everything a link check needs. */
export interface CrawledPage {
  /** Absolute URL without fragment. */
  url: string;
  status: number;
  /** Every id (and a[name]) in the page, for #fragment checks. */
  ids: string[];
  /** The text of <main> as rendered without JavaScript. */
  mainText: string;
  /** The text of the paragraphs in <main> (what a search index certainly holds). */
  prose: string;
  /** Absolute same-origin URLs this page refers to, with where they came from. */
  links: { href: string; from: string }[];
}

export interface Crawl {
  /** HTML pages, in discovery order (the start page first). */
  pages: CrawledPage[];
  /** Same-origin non-HTML resources referred to (stylesheets, scripts, icons, feeds...), by URL. */
  resources: Map<string, number>;
}

const cache = new Map<string, Promise<Crawl>>();

/** Strips the fragment from a URL. */
export function withoutHash(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

/**
 * Crawls every page reachable from `start` through same-origin links under `scope`, with
 * JavaScript disabled so that only the built HTML counts. Memoized per worker and start URL.
 */
export function crawlSite(browser: Browser, start: string, scope = new URL('/', start).href) {
  const key = `${start} ${scope}`;
  let result = cache.get(key);
  if (!result) {
    result = doCrawl(browser, start, scope);
    cache.set(key, result);
  }
  return result;
}

async function doCrawl(browser: Browser, start: string, scope: string): Promise<Crawl> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const origin = new URL(start).origin;
  const pages: CrawledPage[] = [];
  const resources = new Map<string, number>();
  const queue: string[] = [];
  const seen = new Set<string>();
  /** Fetches a URL once; HTML pages in scope are queued for a visit, the rest are recorded. */
  async function discover(url: string, asPage: boolean) {
    if (seen.has(url)) return;
    seen.add(url);
    const response = await context.request.get(url, { maxRedirects: 0 });
    const contentType = response.headers()['content-type'] ?? '';
    if (asPage && response.status() === 200 && contentType.includes('text/html')) {
      queue.push(url);
    } else {
      resources.set(url, response.status());
    }
  }
  try {
    await discover(withoutHash(start), true);
    while (queue.length > 0) {
      const url = queue.shift()!;
      const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
      const status = response?.status() ?? 0;
      const found = await page.evaluate(() => {
        const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
        const names = [...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')!);
        const refs: { href: string; from: string; kind: 'page' | 'resource' }[] = [];
        for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href], area[href]')) {
          refs.push({ href: a.href, from: `<a> "${a.textContent?.trim()}"`, kind: 'page' });
        }
        for (const l of document.querySelectorAll<HTMLLinkElement>('link[href]')) {
          refs.push({ href: l.href, from: `<link rel="${l.rel}">`, kind: 'resource' });
        }
        for (const s of document.querySelectorAll<HTMLScriptElement>('script[src]')) {
          refs.push({ href: s.src, from: '<script src>', kind: 'resource' });
        }
        for (const i of document.querySelectorAll<HTMLImageElement>('img[src]')) {
          refs.push({ href: i.src, from: `<img alt="${i.alt}">`, kind: 'resource' });
        }
        const mainText = document.querySelector('main')?.textContent ?? '';
        // the words Pagefind indexes: a glossary term's card is not (data-pagefind-ignore)
        const prose = [...document.querySelectorAll('main p')]
          .map((p) => {
            const copy = p.cloneNode(true) as HTMLElement;
            for (const skip of copy.querySelectorAll('[data-pagefind-ignore]')) skip.remove();
            return copy.textContent;
          })
          .join(' ');
        return { ids: [...ids, ...names], refs, mainText, prose };
      });
      const links: CrawledPage['links'] = [];
      for (const ref of found.refs) {
        let target: URL;
        try {
          target = new URL(ref.href);
        } catch {
          links.push({ href: ref.href, from: ref.from });
          continue;
        }
        if (target.origin !== origin) continue;
        links.push({ href: target.href, from: ref.from });
        const bare = withoutHash(target.href);
        await discover(bare, ref.kind === 'page' && bare.startsWith(scope));
      }
      pages.push({
        url,
        status,
        ids: found.ids,
        mainText: found.mainText,
        prose: found.prose,
        links,
      });
    }
  } finally {
    await context.close();
  }
  return { pages, resources };
}

/** Every broken link or #fragment in a crawl, one human-readable line each. */
export function brokenLinks(crawl: Crawl, scope: string): string[] {
  const byUrl = new Map(crawl.pages.map((p) => [p.url, p]));
  const problems: string[] = [];
  for (const page of crawl.pages) {
    if (page.status !== 200) problems.push(`${page.url} answered ${page.status}`);
    for (const link of page.links) {
      let target: URL;
      try {
        target = new URL(link.href);
      } catch {
        problems.push(`${page.url}: ${link.from} has an invalid URL ${link.href}`);
        continue;
      }
      const bare = withoutHash(target.href);
      if (!bare.startsWith(scope)) {
        problems.push(`${page.url}: ${link.from} -> ${link.href} is outside ${scope}`);
        continue;
      }
      const targetPage = byUrl.get(bare);
      const status = targetPage?.status ?? crawl.resources.get(bare);
      if (status !== 200) {
        problems.push(`${page.url}: ${link.from} -> ${link.href} answered ${status}`);
        continue;
      }
      const fragment = decodeURIComponent(target.hash.slice(1));
      if (fragment === '' || fragment === 'top') continue;
      if (!targetPage) {
        problems.push(`${page.url}: ${link.from} -> ${link.href} has a #fragment on a non-page`);
      } else if (!targetPage.ids.includes(fragment)) {
        problems.push(
          `${page.url}: ${link.from} -> ${link.href}: no element with id "${fragment}"`,
        );
      }
    }
  }
  return problems;
}

/** Path of a URL relative to the site root, for readable test step names. */
export function label(url: string, baseURL: string): string {
  return '/' + url.slice(baseURL.length);
}

/**
 * Records what must never happen on a page: console errors and warnings, uncaught exceptions,
 * failed or >= 400 requests, requests to any other host, CSP violations.
 */
export async function watch(page: Page, siteOrigin: string) {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      const where = msg.location().url ? ` (${msg.location().url})` : '';
      problems.push(`console ${msg.type()}: ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== siteOrigin) problems.push(`request to another host: ${url}`);
  });
  page.on('requestfailed', (request) => {
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** Scrolls through the whole page so that lazily loaded islands hydrate, then lets it settle. */
export async function visitAll(page: Page) {
  await page.evaluate(async () => {
    const step = Math.max(200, window.innerHeight);
    for (let y = 0; y <= document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState('networkidle');
}

/** Presses Tab until `target` has focus (at most `max` times); fails if it never gets there. */
export async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Waits until every Astro island on the page has hydrated (gotcha: clicks before are lost). */
export async function islandsHydrated(page: Page) {
  const left = await page.evaluate(async () => {
    const frames = () =>
      new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const waiting = () => [...document.querySelectorAll('astro-island[ssr]')];
    // An island hydrates once it has been in view (`client:visible`); one that was passed over
    // while the page was busy is visited again, for up to 30 s.
    const until = performance.now() + 30_000;
    while (waiting().length > 0 && performance.now() < until) {
      for (const island of waiting()) {
        // <astro-island> is `display: contents` (no box: Playwright calls it invisible and
        // cannot scroll to it), so its content is brought into view; instantly, as the site
        // scrolls smoothly and a smooth scroll would be retargeted before it arrives.
        (island.firstElementChild ?? island).scrollIntoView({
          block: 'center',
          behavior: 'instant',
        });
        await frames();
      }
      await frames();
    }
    return waiting().map((e) => e.getAttribute('component-url') ?? 'astro-island');
  });
  if (left.length > 0) throw new Error(`islands never hydrated: ${left.join(', ')}`);
}

/** Every page to check: the crawled pages plus the 404 page (which nothing needs to link to). */
export async function allPages(browser: Browser, baseURL: string): Promise<string[]> {
  const { pages } = await crawlSite(browser, baseURL);
  const urls = pages.map((p) => p.url);
  const notFound = new URL('404.html', baseURL).href;
  if (!urls.includes(notFound)) urls.push(notFound);
  return urls;
}

/** The chapter pages found by crawling, in discovery order. */
export async function chapterPages(browser: Browser, baseURL: string): Promise<CrawledPage[]> {
  const { pages } = await crawlSite(browser, baseURL);
  return pages.filter((p) => new URL(p.url).pathname.includes('/chapters/'));
}

/**
 * A word to search for that leads to `target`: a word of 6+ letters from its main text that
 * occurs in as few other crawled pages as possible (ties: the longest, then alphabetical).
 */
export function distinctiveWord(target: CrawledPage, pages: CrawledPage[]): string {
  const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}{6,}/gu) ?? []);
  const others = pages.filter((p) => p.url !== target.url).map((p) => words(p.mainText));
  const scored = [...words(target.prose)].map((w) => ({
    w,
    n: others.filter((o) => o.has(w)).length,
  }));
  scored.sort((a, b) => a.n - b.n || b.w.length - a.w.length || a.w.localeCompare(b.w));
  if (scored.length === 0) throw new Error(`${target.url} has no word to search for`);
  return scored[0].w;
}

/** The links in the search results (Pagefind's UI). */
export function searchResults(page: Page): Locator {
  return page.locator('.pagefind-ui__result-link');
}

/** What a search test looks for: a word found on chapter 0 and on as few other pages as possible,
 * and the path of that chapter, which a result for the word must link to. */
export async function searchTarget(
  browser: Browser,
  baseURL: string,
): Promise<{ word: string; path: string }> {
  const { pages } = await crawlSite(browser, baseURL);
  const [chapter] = await chapterPages(browser, baseURL);
  return { word: distinctiveWord(chapter, pages), path: new URL(chapter.url).pathname };
}

/** The first search result that links into the page at `path`. */
export function resultLinkingTo(page: Page, path: string): Locator {
  return searchResults(page)
    .and(page.locator(`[href^="${path}"]`))
    .first();
}
