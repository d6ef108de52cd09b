import { Construct } from "constructs";
import { KubernetesFluxConfiguration } from "../providers/azurerm/kubernetes-flux-configuration";
import { checkDnsLabel, checkInteger, isUnresolved } from "./checks";
import { FluxExtension } from "./flux-extension";
import { ValidationError } from "./validation-error";

/** What Flux may reconcile: one namespace (multi-tenant) or the whole cluster. */
export enum FluxScope {
  NAMESPACE = "namespace",
  CLUSTER = "cluster",
}

/** The Git reference Flux follows. */
export class FluxGitReference {
  /** The head of a branch: every commit merged there is deployed. */
  public static branch(name: string): FluxGitReference {
    return new FluxGitReference("branch", name);
  }
  /** A fixed tag. */
  public static tag(name: string): FluxGitReference {
    return new FluxGitReference("tag", name);
  }
  /** The newest tag in a SemVer range (`>=1.0.0 <2.0.0`). */
  public static semver(range: string): FluxGitReference {
    return new FluxGitReference("semver", range);
  }
  /** One commit. */
  public static commit(sha: string): FluxGitReference {
    return new FluxGitReference("commit", sha);
  }
  private constructor(
    public readonly type: "branch" | "tag" | "semver" | "commit",
    public readonly value: string,
  ) {}
}

/** One Flux Kustomization: a path of the repository applied to the cluster. */
export interface FluxKustomization {
  /** 1-30 lowercase letters, digits or hyphens. */
  readonly name: string;
  /** Path in the repository, relative to its root (`apps/production`). */
  readonly path: string;
  /**
   * Delete what was removed from Git (Flux's garbage collection).
   * @default true
   */
  readonly prune?: boolean;
  /**
   * @default 300
   */
  readonly syncIntervalSeconds?: number;
  /**
   * Kustomizations of this configuration that must be ready first.
   * @default - none
   */
  readonly dependsOn?: readonly string[];
}

export interface FluxGitOpsConfigurationProps {
  readonly extension: FluxExtension;
  /** Name of the configuration: 1-30 lowercase letters, digits or hyphens. */
  readonly name: string;
  /** Namespace the configuration lives in (and, with `FluxScope.NAMESPACE`, the only one it may change). */
  readonly namespace: string;
  /** `https://`, `ssh://` or `git@` URL of the repository (plain `http://` is refused). */
  readonly repositoryUrl: string;
  /**
   * @default FluxGitReference.branch("main")
   */
  readonly reference?: FluxGitReference;
  /**
   * A Secret in `namespace` holding the repository's credentials, created outside Terraform so no
   * key lands in state.
   * @default - none: a public repository
   */
  readonly localAuthSecretName?: string;
  /**
   * @default 300
   */
  readonly repositorySyncIntervalSeconds?: number;
  /**
   * @default FluxScope.NAMESPACE
   */
  readonly scope?: FluxScope;
  readonly kustomizations: readonly FluxKustomization[];
}

const FLUX_NAME = /^[a-z\d]([-a-z\d]{0,28}[a-z\d])?$/;
// The provider's range for every interval and timeout.
const MAX_SECONDS = 35791394;

/**
 * GitOps with automated sync (seed 002, decision 3): a Flux configuration on the AKS Flux extension
 * that pulls a repository and applies its paths, pruning what Git removed. Terraform keeps the
 * wiring (which repository, reference, paths, intervals and scope); Git owns what the paths hold.
 */
export class FluxGitOpsConfiguration extends Construct {
  public readonly resource: KubernetesFluxConfiguration;
  public readonly name: string;
  public readonly namespace: string;
  public readonly scope: FluxScope;
  public readonly kustomizationNames: readonly string[];

  constructor(scope: Construct, id: string, props: FluxGitOpsConfigurationProps) {
    super(scope, id);
    const reference = props.reference ?? FluxGitReference.branch("main");
    const fluxScope = props.scope ?? FluxScope.NAMESPACE;
    const repositoryInterval = props.repositorySyncIntervalSeconds ?? 300;

    if (!isUnresolved(props.name) && !FLUX_NAME.test(props.name)) {
      throw new ValidationError(this, "name", props.name, "expected 1-30 lowercase letters, digits or hyphens, alphanumeric at both ends");
    }
    checkDnsLabel(this, "namespace", props.namespace);
    if (!isUnresolved(props.repositoryUrl) && !/^(https:\/\/|ssh:\/\/|git@)\S+$/.test(props.repositoryUrl)) {
      throw new ValidationError(this, "repositoryUrl", props.repositoryUrl, "expected an https://, ssh:// or git@ URL (plain http is refused)");
    }
    if (reference.value.trim() === "") {
      throw new ValidationError(this, "reference", reference.value, "expected a non-empty branch, tag, range or commit");
    }
    if (props.localAuthSecretName !== undefined) checkDnsLabel(this, "localAuthSecretName", props.localAuthSecretName);
    checkInteger(this, "repositorySyncIntervalSeconds", repositoryInterval, 1, MAX_SECONDS);
    if (props.kustomizations.length === 0) {
      throw new ValidationError(this, "kustomizations", [], "expected at least one kustomization");
    }
    const names = props.kustomizations.map((k) => k.name);
    props.kustomizations.forEach((k, i) => {
      const at = `kustomizations[${i}]`;
      if (!FLUX_NAME.test(k.name)) {
        throw new ValidationError(this, `${at}.name`, k.name, "expected 1-30 lowercase letters, digits or hyphens, alphanumeric at both ends");
      }
      if (names.indexOf(k.name) !== i) throw new ValidationError(this, `${at}.name`, k.name, "expected each kustomization name once");
      if (k.path.trim() === "" || k.path.startsWith("/") || k.path.split("/").includes("..")) {
        throw new ValidationError(this, `${at}.path`, k.path, "expected a path inside the repository, relative to its root, without ..");
      }
      checkInteger(this, `${at}.syncIntervalSeconds`, k.syncIntervalSeconds ?? 300, 1, MAX_SECONDS);
      for (const dep of k.dependsOn ?? []) {
        if (!names.includes(dep) || dep === k.name) {
          throw new ValidationError(this, `${at}.dependsOn`, dep, `expected another kustomization of this configuration (${names.join(", ")})`);
        }
      }
    });

    this.resource = new KubernetesFluxConfiguration(this, "Resource", {
      name: props.name,
      // The extension's own cluster_id: the configuration then follows the extension, in this
      // stack or across stacks (a depends_on cannot name another stack's resource).
      clusterId: props.extension.resource.clusterId,
      namespace: props.namespace,
      scope: fluxScope,
      gitRepository: {
        url: props.repositoryUrl,
        referenceType: reference.type,
        referenceValue: reference.value,
        localAuthReference: props.localAuthSecretName,
        syncIntervalInSeconds: repositoryInterval,
        timeoutInSeconds: 600,
      },
      kustomizations: props.kustomizations.map((k) => ({
        name: k.name,
        path: k.path,
        garbageCollectionEnabled: k.prune ?? true,
        syncIntervalInSeconds: k.syncIntervalSeconds ?? 300,
        dependsOn: k.dependsOn && k.dependsOn.length > 0 ? [...k.dependsOn] : undefined,
      })),
    });
    this.name = props.name;
    this.namespace = props.namespace;
    this.scope = fluxScope;
    this.kustomizationNames = names;
  }
}
