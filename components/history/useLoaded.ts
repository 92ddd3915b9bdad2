// One request's result as a state (loading, error in plain words, ready), for the history views.
// A newer request always wins over a slower older one, and a refresh keeps what is shown until the
// new answer arrives, so a live view does not flash a skeleton on every change.
"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { plainError } from "@/lib/apiErrors";

export type Loaded<T> = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; data: T };

/** `key` names what `load` fetches: a new key starts over from "loading". */
export function useLoaded<T>(key: string, load: () => Promise<T>): { state: Loaded<T>; refresh: () => void } {
  const [state, setState] = useState<{ key: string; loaded: Loaded<T> }>({ key, loaded: { status: "loading" } });
  const latest = useRef({ key, load, seq: 0 });
  latest.current.key = key;
  latest.current.load = load;

  const run = useCallback(() => {
    const ticket = ++latest.current.seq;
    const forKey = latest.current.key;
    latest.current.load().then(
      (data) => ticket === latest.current.seq && setState({ key: forKey, loaded: { status: "ready", data } }),
      (e) => ticket === latest.current.seq && setState({ key: forKey, loaded: { status: "error", message: plainError(e) } }),
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the reason to load again; `run` reads the latest `load`
  useEffect(() => {
    run();
  }, [key, run]);

  // What was loaded for another key is never shown for this one.
  return { state: state.key === key ? state.loaded : { status: "loading" }, refresh: run };
}
