// The virtual module served by src/plugins/listings.ts (Shiki output, computed at build time).
declare module 'virtual:pss-listings' {
  /** Colour pairs `[light, dark]` (`#rrggbb`); colour code k > 0 in `lines` means `palette[k - 1]`. */
  export const palette: [string, string][];
  /** Per LIBRARY program, per listing line: `[length, colour, length, colour, …]`; colour 0 is plain. */
  export const lines: Record<string, number[][]>;
}
