// The views' components as the generic island uses them today: every view file in this folder
// compiled into the island, found by its registry entry's `file`. The island renders its first
// state on the server and hydrates it at once, so each view must be there synchronously (see
// registry.ts). Loading only the views an island shows replaces this module with the entries'
// `load` (issue 15); nothing else changes.
import type { Component } from 'svelte';
import { VIEWS, type ViewName } from './registry.ts';

const MODULES = import.meta.glob<{ default: Component<Record<string, unknown>> }>('./*.svelte', {
  eager: true,
});

/**
 * The component of view `name`. Precondition: the entry's `file` is a component in this folder
 * (registry.test.ts checks every entry). Failure: throws when it is not, which the island's
 * boundary shows as a message.
 */
export function viewComponent(name: ViewName): Component<Record<string, unknown>> {
  const file = VIEWS[name].file;
  const mod = MODULES[`./${file}`];
  if (!mod) throw new Error(`the view "${name}" names ${file}, which is not in components/views/`);
  return mod.default;
}
