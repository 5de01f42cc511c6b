import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * The rules every page and island is held to: WCAG 2.0, 2.1 and 2.2, levels A and AA, and axe's
 * best practices (heading order, landmarks, one main, unique landmark names, …), which Lighthouse's
 * accessibility score counts too.
 */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** An axe scan of `page` with the book's rules (AXE_TAGS); narrow it with `.include()`. */
export function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).withTags(AXE_TAGS);
}
