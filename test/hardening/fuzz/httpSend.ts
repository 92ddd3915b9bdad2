// Sends one raw HTTP case over its own TCP connection and judges the answer.
import net from "node:net";
import type { HttpCase } from "./httpGen";
import { serialize } from "./httpGen";
import { leakIn } from "./oracle";

export type HttpAnswer = {
  status: number | null;
  text: string;
  hung: boolean;
  ms: number /** False when not even the TCP connection was accepted. */;
  connected: boolean;
};

export function sendRaw(host: { hostname: string; port: number }, c: HttpCase, timeoutMs: number): Promise<HttpAnswer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    let connected = false;
    const finish = (hung: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : null, text, hung, ms: performance.now() - started, connected });
    };
    const socket = net.connect(host.port, host.hostname);
    const timer = setTimeout(() => finish(true), timeoutMs);
    socket.once("connect", () => (connected = true));
    socket.on("data", (d: Buffer) => {
      chunks.push(d);
      // An SSE stream never ends on its own: its head is the answer.
      if (/^HTTP\/1\.1 200[\s\S]*\r\ncontent-type: text\/event-stream/i.test(Buffer.concat(chunks).toString("latin1"))) finish(false);
    });
    socket.on("end", () => finish(false));
    socket.on("close", () => finish(false));
    socket.on("error", () => {
      // A reset after (or instead of) an answer: the server refused; that is an answer, not a hang.
      finish(false);
    });
    socket.write(serialize(c), () => {
      // A declared length longer than the bytes sent: say we are done sending, so the server is not
      // waiting on us. (Honest requests keep the write side open until the answer comes.)
      if (c.shortBody) socket.end();
    });
  });
}

/** Every rule the answer breaks. */
export function judgeHttp(c: HttpCase, a: HttpAnswer): string[] {
  const problems: string[] = [];
  if (!a.connected) problems.push("the server did not accept the connection (is it down?)");
  if (a.hung) problems.push(`no answer within ${Math.round(a.ms)} ms (the request hangs)`);
  if (a.status !== null && a.status >= 500) problems.push(`answered ${a.status}`);
  const leak = leakIn(a.text);
  if (leak) problems.push(`the answer leaks ${leak}`);
  if (c.nonJsonBody && a.status !== null && a.status >= 200 && a.status < 300) {
    const type = c.headers.find(([n]) => n === "Content-Type")?.[1];
    problems.push(`a JSON body sent as ${JSON.stringify(type)} was accepted (${a.status})`);
  }
  return problems;
}
