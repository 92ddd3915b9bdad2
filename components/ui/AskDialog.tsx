// The app's one confirm / prompt / notice dialog, instead of the browser's confirm(), prompt() and
// alert(): labelled, closed by Escape, focus kept inside (the native modal <dialog> underneath) and
// given back to where it was. Call it as a promise: `if (await ask.confirm({...})) ...`.
"use client";
import { createContext, useCallback, useContext, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Dialog } from "./Dialog";
import { Button } from "./Button";
import { inputClass } from "./TextField";

type Common = { title: string; message?: ReactNode; confirmLabel?: string };
export type ConfirmOptions = Common & { danger?: boolean; cancelLabel?: string };
export type PromptOptions = Common & {
  label: string;
  placeholder?: string;
  initialValue?: string;
  inputType?: "text" | "url" | "email";
  /** A sentence saying why the value cannot be used, or null when it can; the dialog stays open until then. */
  validate?: (value: string) => string | null;
};

type Request =
  | { kind: "confirm"; options: ConfirmOptions; resolve: (ok: boolean) => void }
  | { kind: "prompt"; options: PromptOptions; resolve: (value: string | null) => void }
  | { kind: "notice"; options: Common; resolve: () => void };

export type Ask = {
  confirm(options: ConfirmOptions): Promise<boolean>;
  /** The value entered, or null when cancelled. */
  prompt(options: PromptOptions): Promise<string | null>;
  notice(options: Common): Promise<void>;
};

const AskContext = createContext<Ask | null>(null);

export function AskDialogProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<{ seq: number; request: Request } | null>(null);
  const current = useRef<Request | null>(null);
  const seq = useRef(0);

  const open = useCallback((next: Request) => {
    // One question at a time: a new one answers the previous as cancelled.
    if (current.current) settle(current.current, null);
    current.current = next;
    setShown({ seq: ++seq.current, request: next });
  }, []);

  const ask = useMemo<Ask>(
    () => ({
      confirm: (options) => new Promise((resolve) => open({ kind: "confirm", options, resolve })),
      prompt: (options) => new Promise((resolve) => open({ kind: "prompt", options, resolve })),
      notice: (options) => new Promise((resolve) => open({ kind: "notice", options, resolve })),
    }),
    [open],
  );

  const finish = useCallback((answer: string | true | null) => {
    const r = current.current;
    current.current = null;
    setShown(null);
    if (r) settle(r, answer);
  }, []);

  return (
    <AskContext.Provider value={ask}>
      {children}
      {shown && <AskDialogView key={shown.seq} request={shown.request} onAnswer={finish} />}
    </AskContext.Provider>
  );
}

/** `answer`: the prompt's value, true for a confirmation, null for a cancel. */
function settle(r: Request, answer: string | true | null): void {
  switch (r.kind) {
    case "confirm":
      return r.resolve(answer !== null);
    case "prompt":
      return r.resolve(typeof answer === "string" ? answer : null);
    case "notice":
      return r.resolve();
  }
}

function AskDialogView({ request, onAnswer }: { request: Request; onAnswer: (answer: string | true | null) => void }) {
  const { options } = request;
  const [value, setValue] = useState(request.kind === "prompt" ? (request.options.initialValue ?? "") : "");
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (request.kind !== "prompt") return onAnswer(true);
    const why = request.options.validate?.(value) ?? null;
    setProblem(why);
    if (!why) onAnswer(value);
  }

  const danger = request.kind === "confirm" && request.options.danger;
  const confirmLabel = options.confirmLabel ?? (request.kind === "notice" ? "OK" : "Confirm");
  return (
    <Dialog open onClose={() => onAnswer(null)} title={options.title} description={options.message} testId="ask-dialog">
      <form onSubmit={submit} noValidate>
        {request.kind === "prompt" && (
          <div>
            <label htmlFor={inputId} className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
              {request.options.label}
            </label>
            <input
              id={inputId}
              data-autofocus
              type={request.options.inputType ?? "text"}
              value={value}
              placeholder={request.options.placeholder}
              autoComplete="off"
              onChange={(e) => {
                setValue(e.target.value);
                setProblem(null);
              }}
              className={inputClass}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${inputId}-error` : undefined}
            />
            {problem && (
              <p id={`${inputId}-error`} role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
                {problem}
              </p>
            )}
          </div>
        )}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          {request.kind !== "notice" && (
            <Button onClick={() => onAnswer(null)} data-autofocus={danger ? true : undefined}>
              {(request.kind === "confirm" && request.options.cancelLabel) || "Cancel"}
            </Button>
          )}
          <Button type="submit" variant={danger ? "danger" : "primary"} data-autofocus={request.kind !== "prompt" && !danger ? true : undefined}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** The dialog functions; components under <AskDialogProvider> (the root layout) may call them. */
export function useAsk(): Ask {
  const ask = useContext(AskContext);
  if (!ask) throw new Error("useAsk must be used inside <AskDialogProvider>.");
  return ask;
}
