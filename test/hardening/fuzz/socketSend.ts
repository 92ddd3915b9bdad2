// Plays one generated socket.io session over a raw WebSocket (engine.io v4 framing by hand) and judges
// what came back: no stack traces, no "internal" acks, and every ack owed is paid while the socket
// stays open. The server closing the offending socket is an allowed answer.
import { WebSocket } from "ws";
import type { SocketSession } from "./socketGen";
import { leakIn } from "./oracle";

export type SocketEndpoint = { url: string; origin: string; cookies: string[] };

export async function playSession(ep: SocketEndpoint, s: SocketSession, timeoutMs: number): Promise<string[]> {
  const problems: string[] = [];
  const headers: Record<string, string> = {};
  if (s.auth !== "none") headers.cookie = ep.cookies[s.cookie];
  headers.origin = s.auth === "foreign-origin" ? "https://evil.example" : ep.origin;
  const ws = new WebSocket(ep.url.replace(/^http/, "ws") + "/socket.io/?EIO=4&transport=websocket", { headers, maxPayload: 8 * 1024 * 1024 });
  const acks = new Map<number, unknown>();
  let state = "opening" as "opening" | "connected" | "refused" | "closed";
  let wake: () => void = () => {};
  const changed = () => wake();

  ws.on("message", (data: Buffer, isBinary) => {
    if (isBinary) return;
    const text = data.toString("utf8");
    const leak = leakIn(text);
    if (leak) problems.push(`a server frame leaks ${leak}`);
    if (text === "2")
      ws.send("3"); // engine.io ping
    else if (text.startsWith("0")) ws.send(s.handshake);
    else if (text.startsWith("40")) state = "connected";
    else if (text.startsWith("44")) state = "refused";
    else if (text.startsWith("43")) {
      // The id is echoed as the server read it: a 30-digit id comes back as "1e+29"; only the payload is judged.
      const m = /^43([\d.e+-]+)(\[[\s\S]*)$/.exec(text);
      if (m) {
        let ack: unknown;
        try {
          ack = (JSON.parse(m[2]) as unknown[])[0];
        } catch {
          problems.push(`an unreadable ack: ${text.slice(0, 100)}`);
        }
        acks.set(Number(m[1]), ack);
        const failure = ack as { ok?: boolean; error?: { code?: string; message?: string } } | undefined;
        if (failure?.ok === false && failure.error?.code === "internal") problems.push(`an ack answered "internal": ${JSON.stringify(failure.error.message)}`);
      }
    }
    changed();
  });
  ws.on("close", () => ((state = "closed"), changed()));
  ws.on("error", () => ((state = "closed"), changed()));
  ws.on("unexpected-response", (_req, res) => {
    if ((res.statusCode ?? 0) >= 500) problems.push(`the socket.io upgrade answered ${res.statusCode}`);
    state = "closed";
    ws.terminate();
    changed();
  });

  const waitFor = async (check: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!check() && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(50, deadline - Date.now()));
        wake = () => (clearTimeout(t), resolve());
      });
    }
    return check();
  };

  try {
    if (!(await waitFor(() => state !== "opening", timeoutMs))) {
      problems.push("the socket.io handshake was neither accepted nor refused (it hangs)");
      return problems;
    }
    if (s.auth === "cookie" && s.handshake === "40" && state === "refused") problems.push("a valid session was refused");
    if (state !== "connected") return problems;
    let owed: number[] = [];
    let left = false;
    for (const p of s.packets) {
      if (ws.readyState !== WebSocket.OPEN) break;
      for (const f of p.frames) ws.send(f);
      if (p.awaitsAck !== undefined && !left) owed.push(p.awaitsAck);
      // The client itself left the namespace or closed the session: nothing is owed to it from here on.
      if (p.frames.some((f) => f === "41" || f === "1")) (owed = []), (left = true);
    }
    const paid = await waitFor(() => state === "closed" || owed.every((id) => acks.has(id)), timeoutMs);
    if (!paid) problems.push(`acks ${owed.filter((id) => !acks.has(id)).join(", ")} never came while the socket stayed open (a hang)`);
    return problems;
  } finally {
    ws.terminate();
  }
}
