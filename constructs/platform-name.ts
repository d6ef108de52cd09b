import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "cdktf";
import { ValidationError } from "./validation-error";

/**
 * The context key that holds the platform's name. Set it with `setPlatformName(stack, "acme")`
 * (or `new App({ context: { [PLATFORM_NAME_CONTEXT_KEY]: "acme" } })`); the reference app's stacks
 * set it from `buildPlatform`'s `platformName`.
 */
export const PLATFORM_NAME_CONTEXT_KEY = "cdktf-aks-platform:platformName";

/** The label that ties the platform's workloads together; its value is `PlatformNames.partOf`. */
export const PART_OF_LABEL_KEY = "app.kubernetes.io/part-of";

const PLATFORM_NAME = /^[a-z][a-z0-9-]{0,18}[a-z0-9]$/;
const PLATFORM_NAME_ALLOWED = "expected 2-20 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit";

/** A platform name: 2-20 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit. */
export function checkPlatformName(scope: IConstruct, property: string, name: unknown): string {
  if (typeof name !== "string" || !PLATFORM_NAME.test(name)) throw new ValidationError(scope, property, name, PLATFORM_NAME_ALLOWED);
  return name;
}

/**
 * Names the platform that `scope` and everything added under it belong to. The constructs derive
 * their default names from it: globally unique Azure names (`<platform>-<stack>-<kind>-<hash>`), the
 * data layer's database, Secret (`<platform>-secrets`), service account and SecretProviderClass
 * (`<platform>-data`), the `app.kubernetes.io/part-of` label (`<platform>-platform`), alert groups,
 * metric names and image repositories (`<platform>/<service>`). Call it before adding children.
 */
export function setPlatformName(scope: Construct, name: string): void {
  scope.node.setContext(PLATFORM_NAME_CONTEXT_KEY, checkPlatformName(scope, "platformName", name));
}

/** The platform name set on `scope` or an ancestor (`setPlatformName` or App context), if any. */
export function explicitPlatformName(scope: IConstruct): string | undefined {
  const name: unknown = scope.node.tryGetContext(PLATFORM_NAME_CONTEXT_KEY);
  return name === undefined ? undefined : checkPlatformName(scope, `context ${PLATFORM_NAME_CONTEXT_KEY}`, name);
}

/**
 * The derived names of a platform. `of(scope)` uses the name set on the tree and, where none is,
 * the id of the scope's stack, so no construct carries another platform's name.
 */
export class PlatformNames {
  /** The names for `scope`: from `setPlatformName`, else from the id of its stack. */
  public static of(scope: IConstruct): PlatformNames {
    const explicit = explicitPlatformName(scope);
    return new PlatformNames(explicit ?? TerraformStack.of(scope).node.id, explicit !== undefined);
  }

  private constructor(
    /** The platform's name (or the stack's id where none is set). */
    public readonly name: string,
    /** Whether the name was set (`setPlatformName`), rather than taken from the stack's id. */
    public readonly explicit: boolean,
  ) {}

  /** Value of the `app.kubernetes.io/part-of` label of the platform's workloads: `<name>-platform`. */
  public get partOf(): string {
    return `${this.name}-platform`;
  }

  /** The data layer's Kubernetes Secret: `<name>-secrets`. */
  public get dataSecretName(): string {
    return `${this.name}-secrets`;
  }

  /** The service account that carries the data layer's workload identity: `<name>-data`. */
  public get dataServiceAccount(): string {
    return `${this.name}-data`;
  }

  /** The SecretProviderClass that syncs the data layer's Secret from Key Vault: `<name>-data`. */
  public get dataSecretProviderClass(): string {
    return `${this.name}-data`;
  }

  /** The data layer's database: the platform's name. */
  public get databaseName(): string {
    return this.name;
  }

  /** Prefix of the platform's own Prometheus metrics: the name with `_` for `-`. */
  public get metricPrefix(): string {
    return this.name.replace(/-/g, "_");
  }

  /**
   * Where one of the platform's images lives: a bare name (`federation-core`, `lang-c:1.0.0`) is in
   * the platform's namespace, `<name>/<image>`; a reference with a slash (`myacr.azurecr.io/x:1`) is
   * used as it is.
   */
  public image(reference: string): string {
    return reference.includes("/") ? reference : `${this.name}/${reference}`;
  }
}
