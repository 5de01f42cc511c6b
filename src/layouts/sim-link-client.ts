/**
 * Shared simulation links: when the URL's hash holds simulation islands' entries
 * (`#<id>=<state>&<id2>=<state>`, see components/sim/link.ts), scroll the island of the LAST entry
 * (the one copied most recently: "Copy link" moves its island's entry to the end) into view, so
 * that it hydrates (islands load `client:visible`) and restores its state itself; the others
 * restore theirs when the reader reaches them. Plain anchors (`#section`) are left to the browser.
 */
import { ISLAND_ID, readHashEntry } from '../../components/sim/link.ts';

function reveal(): void {
  const hash = location.hash;
  if (!hash.includes('=')) return;
  const ids = hash
    .slice(1)
    .split('&')
    .map((part) => part.slice(0, Math.max(0, part.indexOf('='))))
    .filter((id) => ISLAND_ID.test(id) && readHashEntry(hash, id) !== null);
  for (const id of ids.reverse()) {
    const el = document.getElementById(`sim-${id}`);
    if (!el) continue;
    el.scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
    return;
  }
}

/** Runs once on page load and again when the hash changes. Never fails. */
export function initSimLinks(): void {
  reveal();
  window.addEventListener('hashchange', reveal);
}
