import { expect, test } from '@playwright/test';
import { brokenLinks, crawlSite } from './lib/site.ts';

test('every internal link and #anchor found by crawling from the home page resolves', async ({
  browser,
  baseURL,
}) => {
  const crawl = await crawlSite(browser, baseURL!);
  // The home page, at least one chapter, the glossary, the references and the appendix on how the
  // numbers were measured (linked from the chapters) are reachable.
  const paths = crawl.pages.map((p) => new URL(p.url).pathname);
  expect(paths).toContain('/');
  expect(paths.some((p) => p.startsWith('/chapters/'))).toBe(true);
  expect(paths).toContain('/glossary/');
  expect(paths).toContain('/references/');
  expect(paths).toContain('/measurements/');
  expect(brokenLinks(crawl, baseURL!)).toEqual([]);
});

test('every page listed in the sitemap is reachable by following links', async ({
  browser,
  baseURL,
  request,
}) => {
  const crawl = await crawlSite(browser, baseURL!);
  const crawled = new Set(crawl.pages.map((p) => p.url.slice(baseURL!.length)));
  const index = await request.get('sitemap-index.xml');
  expect(index.status()).toBe(200);
  const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  const listed: string[] = [];
  for (const sitemap of locs(await index.text())) {
    // The sitemap's own address tells where the deployed site's root is (site + base).
    const name = sitemap.slice(sitemap.lastIndexOf('/') + 1);
    const siteRoot = sitemap.slice(0, sitemap.length - name.length);
    const response = await request.get(name);
    expect(response.status(), sitemap).toBe(200);
    for (const loc of locs(await response.text())) {
      expect(loc.startsWith(siteRoot), `${loc} is under ${siteRoot}`).toBe(true);
      listed.push(loc.slice(siteRoot.length));
    }
  }
  expect(listed.length).toBeGreaterThan(0);
  expect(listed.filter((p) => !crawled.has(p))).toEqual([]);
});
