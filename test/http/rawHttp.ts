// One raw HTTP/1.1 exchange on its own TCP connection, so a test sees exactly what the server does
// with a request fetch() would refuse to send or would tidy up (malformed paths, odd headers).
import { readdirSync } from "node:fs";
import net from "node:net";

export type RawResponse = { status: number; head: string; body: string; closed: boolean };

/** Sends `request` verbatim; resolves with the answer once the server closes, or rejects after timeoutMs. */
export function rawRequest(port: number, request: string, timeoutMs = 5_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(request.split("\r\n")[0])}`));
    }, timeoutMs);
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", () => {}); // a reset after the answer is still an answer; judged on close
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const [head, ...rest] = text.split("\r\n\r\n");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const raw = rest.join("\r\n\r\n");
      resolve({ status, head, body: /^transfer-encoding: chunked/im.test(head) ? unchunk(raw) : raw, closed: true });
    });
    socket.write(request);
  });
}

export function get(port: number, path: string, method = "GET", headers: Record<string, string> = {}): Promise<RawResponse> {
  const lines = [`${method} ${path} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return rawRequest(port, lines.join("\r\n") + "\r\n\r\n");
}

/** Open descriptors of this process (the server under test runs in it). */
export function openDescriptors(): number {
  return readdirSync("/proc/self/fd").length;
}

function unchunk(raw: string): string {
  let out = "";
  let rest = raw;
  for (;;) {
    const eol = rest.indexOf("\r\n");
    const size = parseInt(rest.slice(0, eol), 16);
    if (!(size > 0)) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}
