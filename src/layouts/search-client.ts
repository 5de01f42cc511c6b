/**
 * Mounts Pagefind's default search UI (loaded from the site itself, under the base path) into a
 * container that holds a plain no-JavaScript search form. The index exists only after
 * `pagefind --site dist`; until then (e.g. `astro dev`) the plain form stays and still works.
 */

interface PagefindUIInstance {
  triggerSearch(term: string): void;
}

interface PagefindUIOptions {
  element: string;
  showSubResults: boolean;
  showImages: boolean;
  bundlePath: string;
  baseUrl: string;
  resetStyles: boolean;
  autofocus?: boolean;
}

declare global {
  interface Window {
    PagefindUI?: new (options: PagefindUIOptions) => PagefindUIInstance;
  }
}

const base = import.meta.env.BASE_URL;
const bundlePath = `${base}pagefind/`;
let loading: Promise<void> | undefined;

function loadPagefindUI(): Promise<void> {
  if (window.PagefindUI) return Promise.resolve();
  loading ??= new Promise<void>((resolve, reject) => {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = `${bundlePath}pagefind-ui.css`;
    document.head.append(css);
    const script = document.createElement('script');
    script.src = `${bundlePath}pagefind-ui.js`;
    script.onload = () => (window.PagefindUI ? resolve() : reject(new Error('no PagefindUI')));
    script.onerror = () => reject(new Error('Pagefind UI is not available'));
    document.head.append(script);
  });
  return loading;
}

export interface MountOptions {
  /** Run this search as soon as the UI is ready (the search page's ?q=). */
  query?: string;
  /** Collapse the results when focus leaves the container (the header dropdown). */
  dropdown?: boolean;
}

export function mountSearch(container: HTMLElement | null, options: MountOptions = {}): void {
  if (!container?.id) return;
  const dropdown = options.dropdown ?? container.classList.contains('header-search');
  // The header's search UI (about 30 KB of script) is fetched only when the reader reaches for
  // it: on focus or pointer over the field. The search page needs it at once.
  if (dropdown) {
    const activate = () => {
      container.removeEventListener('focusin', activate);
      container.removeEventListener('pointerenter', activate);
      replaceFallback(container, options);
    };
    container.addEventListener('focusin', activate);
    container.addEventListener('pointerenter', activate);
  } else {
    replaceFallback(container, options);
  }

  if (dropdown) {
    const expand = () => container.classList.remove('collapsed');
    container.addEventListener('focusin', expand);
    container.addEventListener('input', expand);
    container.addEventListener('focusout', (event) => {
      const next = event.relatedTarget;
      if (!(next instanceof Node) || !container.contains(next)) {
        container.classList.add('collapsed');
      }
    });
    container.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') container.classList.add('collapsed');
    });
  }
}

/**
 * Loads Pagefind's UI and puts it in place of the plain form. The reader may be typing while the
 * script loads, so the plain form stays in use until Pagefind's own field exists; then, in one
 * synchronous step (no keystroke can fall in between), the text typed so far moves to the new
 * field, which takes the focus, and the plain form goes.
 */
function replaceFallback(container: HTMLElement, options: MountOptions): void {
  loadPagefindUI()
    .then(() => {
      const Pagefind = window.PagefindUI;
      if (!Pagefind) return;
      container.classList.add('search-loading');
      new Pagefind({
        element: `#${container.id}`,
        showSubResults: true,
        showImages: false,
        bundlePath,
        baseUrl: base,
        resetStyles: true,
      });
      const swap = (): void => {
        const input = container.querySelector<HTMLInputElement>('.pagefind-ui__search-input');
        if (!input) {
          requestAnimationFrame(swap);
          return;
        }
        const fallback = container.querySelector<HTMLFormElement>('[data-search-fallback]');
        const fallbackInput = fallback?.querySelector('input') ?? null;
        const hadFocus = fallbackInput !== null && document.activeElement === fallbackInput;
        const query = fallbackInput?.value || options.query || '';
        container.classList.remove('search-loading');
        // Pagefind names its field only by a title (axe's label-title-only): name it as the plain
        // form's field was named.
        input.setAttribute('aria-label', fallbackInput?.getAttribute('aria-label') ?? 'Search');
        fallback?.remove();
        if (query) {
          input.value = query;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
        if (hadFocus) {
          input.focus();
          input.setSelectionRange(input.value.length, input.value.length);
        }
      };
      swap();
    })
    .catch(() => {
      container.classList.remove('search-loading');
      // Keep the plain form: it submits to the search page.
    });
}
