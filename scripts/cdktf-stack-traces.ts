/**
 * cdktf records a full-depth stack trace (`Error.stackTraceLimit = MAX_SAFE_INTEGER`) for every
 * token and every complex object the provider bindings build, about 9,000 in one synthesis of the
 * reference app, to print as "Object creation stack" if resolving that token ever fails. It has
 * no switch for it, and capturing them is about a fifth of a synthesis. The app's entry points
 * (main.ts, `npm run synth`, `npm run cost`, the benchmark) and the test runner (jest's setup file)
 * turn it off with `configureCdktfStackTraces()`; set `CDKTF_AKS_STACK_TRACES=1` to keep cdktf's
 * traces when debugging a resolution error.
 *
 * Only the traces cdktf attaches to tokens are affected. Errors keep their own stack (the global
 * `Error.stackTraceLimit` is untouched), and so do constructs' errors and annotations.
 *
 * This replaces a function of a private cdktf module (`cdktf/lib/tokens/private/stack-trace`),
 * which cdktf's token classes call through the module's exports object. If cdktf removes the
 * module or the function, this throws at start-up rather than silently doing nothing; if cdktf
 * stops calling it through the module, `__tests__/scripts/cdktf-stack-traces.test.ts` fails.
 */

/** Set to `1` to keep cdktf's full-depth token creation traces. */
export const STACK_TRACES_ENV = "CDKTF_AKS_STACK_TRACES";

/** The private cdktf module whose `captureStackTrace` is replaced. */
export const CDKTF_STACK_TRACE_MODULE = "cdktf/lib/tokens/private/stack-trace";

/** What a token's creation stack holds instead of a trace, so a resolution error says how to get one. */
export const STACK_TRACE_NOT_CAPTURED = `(creation stack not captured: set ${STACK_TRACES_ENV}=1 to capture it)`;

interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

/** cdktf's own capture, kept when it is replaced so `restoreCdktfStackTraces` can put it back. */
let cdktfCapture: StackTraceModule["captureStackTrace"] | undefined;

function notCaptured(): string[] {
  // A new array each time: callers own what they are given.
  return [STACK_TRACE_NOT_CAPTURED];
}

/** Whether `configureCdktfStackTraces` has replaced cdktf's capture in this process. */
export function cdktfStackTracesDisabled(): boolean {
  return (require(CDKTF_STACK_TRACE_MODULE) as StackTraceModule).captureStackTrace === notCaptured;
}

/**
 * Turns off cdktf's token creation traces for this process unless `CDKTF_AKS_STACK_TRACES=1`.
 * Call it before building the app. Returns whether the traces are now off.
 */
export function configureCdktfStackTraces(env: NodeJS.ProcessEnv = process.env): boolean {
  const setting = env[STACK_TRACES_ENV];
  if (setting !== undefined && setting !== "" && setting !== "0" && setting !== "1") {
    throw new Error(`${STACK_TRACES_ENV}: invalid value ${JSON.stringify(setting)}: expected 1 (keep cdktf's token creation traces) or 0 / unset (skip them)`);
  }
  if (setting === "1") return false;
  let module: Partial<StackTraceModule>;
  try {
    module = require(CDKTF_STACK_TRACE_MODULE) as Partial<StackTraceModule>;
  } catch (error) {
    throw new Error(
      `${CDKTF_STACK_TRACE_MODULE}: cannot load it (${error instanceof Error ? error.message : String(error)}); ` +
        `cdktf has moved its stack-trace capture: update scripts/cdktf-stack-traces.ts, or set ${STACK_TRACES_ENV}=1 to run without skipping it`,
    );
  }
  const descriptor = Object.getOwnPropertyDescriptor(module, "captureStackTrace");
  if (!descriptor || typeof descriptor.value !== "function" || !descriptor.writable) {
    throw new Error(
      `${CDKTF_STACK_TRACE_MODULE}: expected a writable captureStackTrace function, found ${descriptor ? typeof descriptor.value : "none"}; ` +
        `update scripts/cdktf-stack-traces.ts, or set ${STACK_TRACES_ENV}=1 to run without skipping it`,
    );
  }
  if (descriptor.value !== notCaptured) cdktfCapture = descriptor.value as StackTraceModule["captureStackTrace"];
  module.captureStackTrace = notCaptured;
  return true;
}

/** Puts cdktf's own capture back, if `configureCdktfStackTraces` replaced it in this process. */
export function restoreCdktfStackTraces(): void {
  const module = require(CDKTF_STACK_TRACE_MODULE) as StackTraceModule;
  if (module.captureStackTrace === notCaptured && cdktfCapture) module.captureStackTrace = cdktfCapture;
}
