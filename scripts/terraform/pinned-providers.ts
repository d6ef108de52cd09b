/**
 * The Terraform providers the project's provider packages bind, and the commit of each release tag.
 * HashiCorp tags v2+ releases without a `/vN` module path, so the Go module proxy serves them as
 * pseudo-versions of the tag's commit; `go install <module>@<commit>` asks for exactly that tree.
 * The table must name every provider (and version) a synthesized stack requires: validate stops
 * with a clear message when a provider package is bumped without this table.
 */
export interface PinnedProvider {
  /** Registry type, e.g. `azurerm`. */
  readonly name: string;
  /** Registry namespace. */
  readonly namespace: string;
  /** Release version, as `required_providers` pins it. */
  readonly version: string;
  /** Go module path of the provider's source. */
  readonly module: string;
  /** Commit of the release tag. */
  readonly commit: string;
  /** The release tag, for messages. */
  readonly tag: string;
  /** Why the first build takes as long as it does, printed beside its progress. */
  readonly buildNote: string;
}

export const PINNED_PROVIDERS: readonly PinnedProvider[] = [
  {
    name: "azurerm",
    namespace: "hashicorp",
    version: "4.55.0",
    module: "github.com/hashicorp/terraform-provider-azurerm",
    commit: "37bf7f03b661b804a59fd62fd6f6e6b8ee4a69df",
    tag: "v4.55.0",
    buildNote: "about 1,100 Azure resources and the go-azure-sdk clients for every service: the longest build by far",
  },
  {
    name: "kubernetes",
    namespace: "hashicorp",
    version: "2.38.0",
    module: "github.com/hashicorp/terraform-provider-kubernetes",
    commit: "be88f44271050f69d52f410bca388834afedfe71",
    tag: "v2.38.0",
    buildNote: "client-go and the Kubernetes API types",
  },
  {
    name: "helm",
    namespace: "hashicorp",
    version: "3.1.1",
    module: "github.com/hashicorp/terraform-provider-helm",
    commit: "1cbf08f6a306ab3cdff6079b87a61c7641b64f3b",
    tag: "v3.1.1",
    buildNote: "the Helm 3 SDK and client-go",
  },
];

/** `registry.terraform.io/<namespace>/<name>`, the address `required_providers` resolves to. */
export function providerAddress(provider: Pick<PinnedProvider, "namespace" | "name">): string {
  return `registry.terraform.io/${provider.namespace}/${provider.name}`;
}
