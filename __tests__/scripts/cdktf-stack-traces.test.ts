import { ResourceGroup } from "../../providers/azurerm/resource-group";
import { App, DefaultTokenResolver, IResolvable, Lazy, StringConcat, TerraformStack, Token, Tokenization } from "cdktf";
import { Construct } from "constructs";
import {
  CDKTF_STACK_TRACE_MODULE,
  STACK_TRACE_NOT_CAPTURED,
  STACK_TRACES_ENV,
  cdktfStackTracesDisabled,
  configureCdktfStackTraces,
  restoreCdktfStackTraces,
} from "../../scripts/cdktf-stack-traces";

/**
 * The entry points replace a function of a private cdktf module. These tests fail loudly when a
 * cdktf upgrade moves or changes it, instead of the switch silently doing nothing.
 */

interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

const stackTraceModule = require(CDKTF_STACK_TRACE_MODULE) as StackTraceModule;
// The test runner's setup (scripts/jest-setup.js) turned the traces off, as the entry points do;
// these tests start from cdktf's own.
const disabledBySetup = cdktfStackTracesDisabled();
restoreCdktfStackTraces();
const original = stackTraceModule.captureStackTrace;

/** The creation stack cdktf recorded for a new token. */
function creationStackOfNewToken(): string[] {
  const token = Lazy.anyValue({ produce: () => "x" }) as IResolvable;
  return token.creationStack;
}

afterEach(() => {
  stackTraceModule.captureStackTrace = original;
});

afterAll(() => {
  configureCdktfStackTraces();
});

describe("cdktf's token creation traces", () => {
  test("the test runner synthesizes without them, as the entry points do", () => {
    expect(disabledBySetup).toBe(process.env[STACK_TRACES_ENV] !== "1");
  });

  test("the private module is where the switch expects it, with cdktf's full-depth capture", () => {
    expect(typeof original).toBe("function");
    expect(original.name).toBe("captureStackTrace");
    expect(cdktfStackTracesDisabled()).toBe(false);
    // A full-depth trace of a token made here names this file.
    const stack = creationStackOfNewToken();
    expect(stack.length).toBeGreaterThan(1);
    expect(stack.some((frame) => frame.includes("cdktf-stack-traces.test.ts"))).toBe(true);
  });

  test("cdktf's tokens and the bindings' complex objects record the placeholder once the switch is on", () => {
    expect(configureCdktfStackTraces({})).toBe(true);
    expect(cdktfStackTracesDisabled()).toBe(true);
    expect(creationStackOfNewToken()).toEqual([STACK_TRACE_NOT_CAPTURED]);
    const app = new App();
    const stack = new TerraformStack(app, "s");
    // The nested objects a provider binding builds in its constructor.
    const group = new ResourceGroup(stack, "group", { name: "g", location: "eastus" });
    expect((group.timeouts as unknown as IResolvable).creationStack).toEqual([STACK_TRACE_NOT_CAPTURED]);
    // A resolution error still names the token, and says how to get its creation stack.
    const failing = Lazy.anyValue({
      produce: () => {
        throw new Error("broken value");
      },
    });
    const resolve = () => Tokenization.resolve({ v: Token.asString(failing) }, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
    expect(resolve).toThrow("broken value");
    expect(resolve).toThrow(`Object creation stack:\n  at ${STACK_TRACE_NOT_CAPTURED}`);
  });

  test(`${STACK_TRACES_ENV}=1 keeps cdktf's traces; other values are rejected`, () => {
    expect(configureCdktfStackTraces({ [STACK_TRACES_ENV]: "1" })).toBe(false);
    expect(stackTraceModule.captureStackTrace).toBe(original);
    expect(creationStackOfNewToken().some((frame) => frame.includes("cdktf-stack-traces.test.ts"))).toBe(true);
    expect(() => configureCdktfStackTraces({ [STACK_TRACES_ENV]: "yes" })).toThrow(
      `${STACK_TRACES_ENV}: invalid value "yes": expected 1 (keep cdktf's token creation traces) or 0 / unset (skip them)`,
    );
    expect(configureCdktfStackTraces({ [STACK_TRACES_ENV]: "0" })).toBe(true);
    restoreCdktfStackTraces();
    expect(stackTraceModule.captureStackTrace).toBe(original);
  });

  test("errors keep their own stack: constructs' errors still say where they were thrown", () => {
    configureCdktfStackTraces({});
    const app = new App();
    new Construct(app, "twice");
    let thrown: unknown;
    try {
      new Construct(app, "twice");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toContain("There is already a Construct with name 'twice'");
    expect((thrown as Error).stack).toContain("cdktf-stack-traces.test.ts");
  });
});
