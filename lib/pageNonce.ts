// The nonce of this page's Content-Security-Policy (server/http/securityHeaders.ts), for code that
// adds a <style> element at run time (Tiptap's base styles): Next puts it on its own scripts, and a
// script element's `nonce` property still holds it after the browser hid the attribute.
export function pageNonce(): string | undefined {
  if (typeof document === "undefined") return undefined;
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
}
