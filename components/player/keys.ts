// Keyboard control of an island: which key does what, decided from the key and the element that
// has focus, so the player never steals keys from form fields or buttons.

export type KeyCommand = 'back' | 'forward' | 'toggle' | 'first' | 'last';

/** What the focused element is, as far as the key map cares. */
export type FocusKind = 'field' | 'clickable' | 'other';

const FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'OPTION']);
const CLICKABLE = new Set(['BUTTON', 'A', 'SUMMARY']);

/**
 * Classifies an element: form fields keep every key (a range input moves itself with the arrows),
 * and so do other elements in the Tab order that are not controls (a view's scrollable region
 * scrolls with the arrows, Home, End and Space); buttons, links and summaries keep Space (so
 * Space clicks them). The island itself (tabindex -1) and plain text are 'other'.
 * Precondition: none. Never fails.
 */
export function focusKind(
  el: { tagName?: string; isContentEditable?: boolean; tabIndex?: number } | null,
): FocusKind {
  if (!el || typeof el.tagName !== 'string') return 'other';
  const tag = el.tagName.toUpperCase();
  if (FIELDS.has(tag) || el.isContentEditable === true) return 'field';
  if (CLICKABLE.has(tag)) return 'clickable';
  if (typeof el.tabIndex === 'number' && el.tabIndex >= 0) return 'field';
  return 'other';
}

/**
 * The command for a key press, or null to leave the key to the browser. Left/Right step,
 * Space plays or pauses, Home/End go to the first/last step; any modifier leaves the key alone.
 * Precondition: none. Never fails.
 */
export function keyCommand(
  key: string,
  focus: FocusKind,
  mods: { ctrl?: boolean; alt?: boolean; meta?: boolean; shift?: boolean } = {},
): KeyCommand | null {
  if (mods.ctrl || mods.alt || mods.meta || mods.shift) return null;
  if (focus === 'field') return null;
  switch (key) {
    case 'ArrowLeft':
      return 'back';
    case 'ArrowRight':
      return 'forward';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case ' ':
    case 'Spacebar':
      return focus === 'clickable' ? null : 'toggle';
    default:
      return null;
  }
}

/** "Step 3 of 12". Precondition: none. Never fails. */
export function stepText(cursor: number, length: number): string {
  return `Step ${cursor} of ${length}`;
}

/** The speed's label: "0.5×", "1×", … Precondition: none. Never fails. */
export function speedLabel(s: number): string {
  return `${s}×`;
}
