// A small pool of load-generator processes the parent drives with request/response messages.
import { fork } from "node:child_process";

export function startWorker(script, { onMessage } = {}) {
  const child = fork(script, [], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv: ["--max-old-space-size=4096"] });
  const pending = new Map();
  let nextId = 1;
  child.on("message", (msg) => {
    if (msg.type === "result" && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      msg.error ? reject(new Error(msg.error)) : resolve(msg.result);
    } else onMessage?.(msg);
  });
  child.on("exit", (code) => {
    for (const { reject } of pending.values()) reject(new Error(`worker exited with code ${code}`));
    pending.clear();
  });
  return {
    child,
    call(cmd, args = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ ...args, cmd, id });
      });
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.send({ cmd: "close" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function startWorkers(script, count, options) {
  return Array.from({ length: count }, () => startWorker(script, options));
}

/** Splits items round-robin over n buckets. */
export function spread(items, n) {
  const buckets = Array.from({ length: n }, () => []);
  items.forEach((item, i) => buckets[i % n].push(item));
  return buckets;
}
