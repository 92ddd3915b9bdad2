// Floating panels over the text (format bubble, link and table bubbles) must never sit on the editor's
// sticky chrome (status line and toolbar): a bubble placed above a first-line selection covered the
// toolbar's buttons and took their clicks. This gives Floating UI a top padding that ends below the
// chrome, so `flip` puts the panel under the selection instead when there is no room above.
import type { Padding } from "@floating-ui/dom";

/** Space kept between a panel and the chrome or the screen's edges (px). */
const GAP = 8;

/** The sticky chrome of the editor whose text is `dom` (the nearest ancestor holding one), if any. */
function chromeOf(dom: Element): Element | null {
  for (let el = dom.parentElement; el; el = el.parentElement) {
    const chrome = el.querySelector(':scope > [data-testid="editor-chrome"]');
    if (chrome) return chrome;
  }
  return null;
}

/**
 * Padding against the viewport (the text scrolls with the page, so the viewport is the clipping
 * boundary): the top edge is the chrome's bottom, plus `offset` when the offset middleware runs after
 * flip (the bubble menu's order), so the gap between panel and text is counted too.
 */
export function clearOfChrome(dom: Element, offset = 0): Padding {
  const chrome = chromeOf(dom);
  const bottom = chrome ? chrome.getBoundingClientRect().bottom : 0;
  return { top: Math.max(GAP, bottom + GAP + offset), right: GAP, bottom: GAP, left: GAP };
}
