// The editor's keyboard shortcuts, as the shortcut sheet lists them. "Mod" is ⌘ on a Mac and Ctrl
// elsewhere (Tiptap's own convention); each entry matches a binding Tiptap or Tandem really has.
export type Shortcut = { action: string; keys: string[] };
export type ShortcutGroup = { title: string; shortcuts: Shortcut[] };

export const SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: "Text",
    shortcuts: [
      { action: "Bold", keys: ["Mod", "B"] },
      { action: "Italic", keys: ["Mod", "I"] },
      { action: "Strikethrough", keys: ["Mod", "Shift", "S"] },
      { action: "Inline code", keys: ["Mod", "E"] },
      { action: "Highlight", keys: ["Mod", "Shift", "H"] },
      { action: "Add or edit a link", keys: ["Mod", "K"] },
      { action: "Line break in the same paragraph", keys: ["Shift", "Enter"] },
    ],
  },
  {
    title: "Blocks",
    shortcuts: [
      { action: "Insert a block (menu)", keys: ["/"] },
      { action: "Normal text", keys: ["Mod", "Alt", "0"] },
      { action: "Heading 1, 2, 3", keys: ["Mod", "Alt", "1 – 3"] },
      { action: "Bullet list", keys: ["Mod", "Shift", "8"] },
      { action: "Numbered list", keys: ["Mod", "Shift", "7"] },
      { action: "Task list", keys: ["Mod", "Shift", "9"] },
      { action: "Quote", keys: ["Mod", "Shift", "B"] },
      { action: "Code block", keys: ["Mod", "Alt", "C"] },
    ],
  },
  {
    title: "Alignment",
    shortcuts: [
      { action: "Align left", keys: ["Mod", "Shift", "L"] },
      { action: "Center", keys: ["Mod", "Shift", "E"] },
      { action: "Align right", keys: ["Mod", "Shift", "R"] },
      { action: "Justify", keys: ["Mod", "Shift", "J"] },
    ],
  },
  {
    title: "As you type",
    shortcuts: [
      { action: "Heading 1, 2, 3", keys: ["#", "##", "###", "Space"] },
      { action: "Bullet list", keys: ["-", "Space"] },
      { action: "Numbered list", keys: ["1.", "Space"] },
      { action: "Task list", keys: ["[ ]", "Space"] },
      { action: "Quote", keys: [">", "Space"] },
      { action: "Code block", keys: ["```", "Space"] },
      { action: "Divider", keys: ["---"] },
      { action: "Highlight", keys: ["==text=="] },
    ],
  },
  {
    title: "Editing",
    shortcuts: [
      { action: "Undo", keys: ["Mod", "Z"] },
      { action: "Redo", keys: ["Mod", "Shift", "Z"] },
      { action: "Next table cell", keys: ["Tab"] },
      { action: "This list of shortcuts (outside the text)", keys: ["?"] },
      { action: "This list of shortcuts (anywhere)", keys: ["Mod", "/"] },
    ],
  },
];

/** The key's label on this platform. */
export function keyLabel(key: string, mac: boolean): string {
  const labels: Record<string, string> = mac ? { Mod: "⌘", Alt: "⌥", Shift: "⇧", Enter: "↩" } : { Mod: "Ctrl" };
  return labels[key] ?? key;
}

/** How a menu writes a shortcut: "Ctrl+Shift+Z" elsewhere, "⌘⇧Z" on a Mac. */
export function shortcutHint(keys: string[], mac: boolean): string {
  return keys.map((k) => keyLabel(k, mac)).join(mac ? "" : "+");
}

/** Whether this browser runs on Apple's systems (⌘ for "Mod"); false outside a browser. */
export const isMacPlatform = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent);
