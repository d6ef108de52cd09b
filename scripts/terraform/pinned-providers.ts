/**
 * The Terraform providers the project validates against and generates its bindings from: one
 * commit of each, the one the Go module proxy serves. HashiCorp tags v2+ releases without a `/vN`
 * module path, so the proxy knows them only as pseudo-versions of a commit (`v1.x.y-0.<time>-<sha>`,
 * the v1 tag being the last one with a module-compatible name); `go install <module>@<moduleVersion>`
 * asks for exactly that tree. `version` is the release that commit follows (its CHANGELOG.md's last
 * released heading, confirmed by the repository's tags), and what `required_providers` pins.
 */
export interface PinnedProvider {
  /** Registry type, e.g. `azurerm`. */
  readonly name: string;
  /** Registry namespace. */
  readonly namespace: string;
  /** The release the commit follows, as `required_providers` pins it exactly. */
  readonly version: string;
  /** Go module path of the provider's source. */
  readonly module: string;
  /** The pseudo-version the Go module proxy serves for the commit. */
  readonly moduleVersion: string;
  /** The commit the pseudo-version names: the full hash where a copy of the repository had it, else Go's 12-digit prefix. */
  readonly commit: string;
  /** The release tag the commit descends from. */
  readonly tag: string;
  /** How many commits past `tag` (`git rev-list --count <tag>..<commit>`), where a copy of the repository reaches the commit. */
  readonly commitsPastTag?: number;
  /** How the release was established, for the README and messages. */
  readonly lineage: string;
  /** Why the first build takes as long as it does, printed beside its progress. */
  readonly buildNote: string;
}

export const PINNED_PROVIDERS: readonly PinnedProvider[] = [
  {
    name: "azurerm",
    namespace: "hashicorp",
    version: "5.2.0",
    module: "github.com/hashicorp/terraform-provider-azurerm",
    moduleVersion: "v1.44.1-0.20260824201233-fae580791926",
    commit: "fae580791926",
    tag: "v5.2.0",
    lineage:
      "after v5.2.0 (8d8282ef, 2026-08-20): CHANGELOG.md's newest heading is 5.2.0 and the commit is of 2026-08-24; " +
      "the stored copy of the repository ends 14 commits past the tag (69697b7f, 2026-08-21), before the commit, so the exact count is not known",
    buildNote:
      "about 1,200 Azure resources and the go-azure-sdk clients of every service: ~16 min and ~5 GB of memory on 2 cores, the longest build by far",
  },
  {
    name: "kubernetes",
    namespace: "hashicorp",
    version: "3.2.1",
    module: "github.com/hashicorp/terraform-provider-kubernetes",
    moduleVersion: "v1.13.4-0.20260821094251-3a33fb6cc605",
    commit: "3a33fb6cc6055853584af1731b1369164c35ffc7",
    tag: "v3.2.1",
    commitsPastTag: 2,
    lineage: "2 commits past v3.2.1 (git describe: v3.2.1-2-g3a33fb6cc: a CODEOWNERS change and a grpc bump for a security fix)",
    buildNote: "client-go and the Kubernetes API types: ~3.5 min on 2 cores",
  },
  {
    name: "helm",
    namespace: "hashicorp",
    version: "3.2.0",
    module: "github.com/hashicorp/terraform-provider-helm",
    moduleVersion: "v1.3.3-0.20260629194918-a4f1c1d8b008",
    commit: "a4f1c1d8b008",
    tag: "v3.2.0",
    lineage:
      "after v3.2.0 (2026-06-04): CHANGELOG.md's newest heading is 3.2.0 and the commit is of 2026-06-29; " +
      "the stored copy of the repository ends at v3.1.2 (2026-05-21), so the exact count is not known",
    buildNote: "the Helm 3 SDK and client-go: ~2 min on 2 cores",
  },
];

/**
 * The oldest Go that builds every pinned provider: the highest `go` directive of their go.mod files
 * (azurerm 1.26.6, kubernetes 1.26.3, helm 1.25.8). The builds run with `GOTOOLCHAIN=local`, so
 * an older Go fails; validate says so before it starts a build.
 */
export const MINIMUM_GO = "1.26.6";

/** `registry.terraform.io/<namespace>/<name>`, the address `required_providers` resolves to. */
export function providerAddress(provider: Pick<PinnedProvider, "namespace" | "name">): string {
  return `registry.terraform.io/${provider.namespace}/${provider.name}`;
}
