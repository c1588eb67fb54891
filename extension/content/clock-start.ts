/**
 * When the content script began evaluating. The entrypoint imports this module first, so
 * it runs before the rest of the bundle: from here to \`main\` is the script's own
 * evaluation, counted as work (content/work-clock.ts).
 */
export const SCRIPT_START = performance.now();
