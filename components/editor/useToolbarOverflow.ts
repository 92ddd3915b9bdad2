// Which toolbar items move into "More", measured live: the row's width and each item's own width
// (ResizeObserver on both, so a narrower window or an item opening its choices re-fits it). Typing
// changes neither, so the row never shifts while someone types. Items stay rendered while in "More"
// (out of the flow, invisible and inert), so their widths are always known.
"use client";
import { type RefObject, useLayoutEffect, useState } from "react";
import { overflowingItems, type ToolbarItemId } from "@/lib/editor/toolbarLayout";
import { DIVIDER_WIDTH } from "./ToolButton";

export const ITEM_ATTR = "data-toolbar-item";
export const MORE_ATTR = "data-toolbar-more";

const widthOf = (el: Element | null) => Math.ceil(el?.getBoundingClientRect().width ?? 0);

export function useToolbarOverflow(row: RefObject<HTMLElement | null>): ToolbarItemId[] {
  const [hidden, setHidden] = useState<ToolbarItemId[]>([]);
  useLayoutEffect(() => {
    const el = row.current;
    if (!el) return;
    const refit = () => {
      const style = getComputedStyle(el);
      const available = el.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      const widths = {} as Record<ToolbarItemId, number>;
      const pinned = new Set<ToolbarItemId>();
      for (const item of el.querySelectorAll<HTMLElement>(`[${ITEM_ATTR}]`)) {
        const id = item.getAttribute(ITEM_ATTR) as ToolbarItemId;
        widths[id] = widthOf(item);
        // An item whose choices are open stays where the person is using it.
        if (item.querySelector('[aria-expanded="true"]')) pinned.add(id);
      }
      const moreWidth = widthOf(el.querySelector(`[${MORE_ATTR}]`));
      const next = overflowingItems({ widths, available, moreWidth, dividerWidth: DIVIDER_WIDTH, pinned });
      setHidden((was) => (was.join() === next.join() ? was : next));
    };
    refit(); // before the first paint: no flash of a row that does not fit
    const observer = new ResizeObserver(refit);
    observer.observe(el);
    for (const part of el.querySelectorAll(`[${ITEM_ATTR}], [${MORE_ATTR}]`)) observer.observe(part);
    return () => observer.disconnect();
  }, [row]);
  return hidden;
}
