/**
 * The chrome's only JavaScript (bundled by Astro, so it satisfies the CSP): the theme picker,
 * the chapters drawer on narrow screens, the in-page table of contents that follows the
 * reader, the "/" search shortcut and dismissing glossary cards with Escape.
 */

const THEME_KEY = 'pss:theme';
type Choice = 'system' | 'light' | 'dark';

function readChoice(): Choice {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

function applyTheme(choice: Choice): void {
  const dark =
    choice === 'dark' ||
    (choice === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
}

function initTheme(): void {
  const select = document.getElementById('theme-select');
  if (!(select instanceof HTMLSelectElement)) return;
  select.value = readChoice();
  select.addEventListener('change', () => {
    const choice = select.value as Choice;
    try {
      if (choice === 'system') localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, choice);
    } catch {
      // Storage may be unavailable (private mode); the choice still applies to this page.
    }
    applyTheme(choice);
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (readChoice() === 'system') applyTheme('system');
  });
}

function initDrawer(): void {
  const toggle = document.querySelector<HTMLButtonElement>('.drawer-toggle');
  const sidebar = document.getElementById('sidebar');
  if (!toggle || !sidebar) return;
  const closeButton = sidebar.querySelector<HTMLButtonElement>('.drawer-close');
  const backdrop = document.createElement('div');
  backdrop.className = 'drawer-backdrop';
  backdrop.hidden = true;
  document.body.append(backdrop);
  const outside = () =>
    Array.from(document.body.children).filter(
      (element) =>
        element !== backdrop && !element.contains(sidebar) && element.tagName !== 'SCRIPT',
    );
  const siblingsOfSidebar = () =>
    Array.from(sidebar.parentElement?.children ?? []).filter((element) => element !== sidebar);
  const isOpen = () => sidebar.classList.contains('open');

  const setInert = (inert: boolean) => {
    for (const element of [...outside(), ...siblingsOfSidebar()]) {
      if (element instanceof HTMLElement) element.inert = inert;
    }
  };

  const open = () => {
    sidebar.classList.add('open');
    toggle.setAttribute('aria-expanded', 'true');
    backdrop.hidden = false;
    setInert(true);
    const current =
      sidebar.querySelector<HTMLElement>('[aria-current="page"]') ??
      sidebar.querySelector<HTMLElement>('a, button');
    (closeButton ?? current)?.focus();
  };
  const close = (returnFocus: boolean) => {
    if (!isOpen()) return;
    sidebar.classList.remove('open');
    toggle.setAttribute('aria-expanded', 'false');
    backdrop.hidden = true;
    setInert(false);
    if (returnFocus) toggle.focus();
  };

  toggle.addEventListener('click', () => (isOpen() ? close(true) : open()));
  closeButton?.addEventListener('click', () => close(true));
  backdrop.addEventListener('click', () => close(true));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isOpen()) {
      event.preventDefault();
      close(true);
    }
  });
  // Following a link inside the drawer (e.g. a section of this page) closes it.
  sidebar.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('a')) close(false);
  });
  matchMedia('(min-width: 64rem)').addEventListener('change', (event) => {
    if (event.matches) close(false);
  });
}

function initToc(): void {
  const toc = document.querySelector('nav[aria-label="On this page"]');
  if (!toc) return;
  const links = new Map<string, HTMLAnchorElement>();
  for (const link of toc.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
    links.set(decodeURIComponent(link.hash.slice(1)), link);
  }
  const headings = Array.from(links.keys())
    .map((id) => document.getElementById(id))
    .filter((element): element is HTMLElement => element !== null);
  if (headings.length === 0) return;

  let current: HTMLAnchorElement | undefined;
  const update = () => {
    // The section in view is the last heading above a line 30% down the viewport.
    const line = window.innerHeight * 0.3;
    let active = headings[0];
    for (const heading of headings) {
      if (heading.getBoundingClientRect().top <= line) active = heading;
      else break;
    }
    const link = active ? links.get(active.id) : undefined;
    if (link === current) return;
    current?.removeAttribute('aria-current');
    link?.setAttribute('aria-current', 'true');
    current = link;
  };
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      update();
    });
  };
  const observer = new IntersectionObserver(schedule, {
    rootMargin: '0px 0px -70% 0px',
    threshold: [0, 1],
  });
  for (const heading of headings) observer.observe(heading);
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('hashchange', schedule);
  update();
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

function initShortcuts(): void {
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isEditable(event.target)) return;
    const input =
      document.querySelector<HTMLInputElement>('#main .pagefind-ui__search-input') ??
      document.querySelector<HTMLInputElement>('.pagefind-ui__search-input') ??
      document.querySelector<HTMLInputElement>('[data-search-fallback] input');
    if (!input) return;
    event.preventDefault();
    input.focus();
  });
}

function initTermCards(): void {
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    for (const wrap of document.querySelectorAll('.term-wrap:hover, .term-wrap:focus-within')) {
      wrap.classList.add('dismissed');
    }
  });
  const reset = (event: Event) => {
    if (event.target instanceof Element) {
      event.target.closest('.term-wrap')?.classList.remove('dismissed');
    }
  };
  document.addEventListener('focusin', reset);
  document.addEventListener('mouseover', reset);
}

export function initChrome(): void {
  initTheme();
  initDrawer();
  initToc();
  initShortcuts();
  initTermCards();
}
