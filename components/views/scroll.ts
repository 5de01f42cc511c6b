// The attributes of a view's horizontally scrolling area. A region that scrolls must take
// keyboard focus, or keyboard users cannot scroll it (axe: scrollable-region-focusable), and a
// focusable element needs a role and a name. Spread them on the element:
//   <div class="scroll" {...scrollable('Process table, scrollable')}>

/**
 * Focusable-group attributes named `label`. Precondition: `label` says what scrolls. Never fails.
 */
export function scrollable(label: string): { tabindex: 0; role: 'group'; 'aria-label': string } {
  return { tabindex: 0, role: 'group', 'aria-label': label };
}
