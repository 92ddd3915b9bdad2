// How another person's caret and selection look: a thin bar in their colour with their name above it.
// Names and colours come from other clients, so they are set as text and checked, never as HTML.
import { isHexColor } from "@/lib/collab/userColor";

type CaretUser = { name?: unknown; color?: unknown };

const FALLBACK_COLOR = "#71717a";

export function renderCaret(user: CaretUser): HTMLElement {
  const color = isHexColor(user.color) ? user.color : FALLBACK_COLOR;
  const caret = document.createElement("span");
  caret.className = "pointer-events-none relative -mx-px border-x border-solid break-normal";
  caret.style.borderColor = color;
  const label = document.createElement("span");
  label.className =
    "absolute -top-[1.35em] -left-px select-none whitespace-nowrap rounded-sm px-1 py-px " + "text-[11px] font-semibold leading-tight text-white";
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === "string" && user.name ? user.name.slice(0, 40) : "Someone";
  caret.append(label);
  return caret;
}

export function renderSelection(user: CaretUser): { nodeName: string; style: string } {
  const color = isHexColor(user.color) ? user.color : FALLBACK_COLOR;
  return { nodeName: "span", style: `background-color: ${color}33` };
}
