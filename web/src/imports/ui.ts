/** Shared styles of the import screens. */

/**
 * A horizontally scrolling table frame that never widens the page: zero intrinsic width (so the layout
 * does not grow to the table's width), stretched to its container.
 */
export const scrollFrame = { overflowX: 'auto', width: 0, minWidth: '100%', border: 1, borderColor: 'divider', borderRadius: 1 } as const;
