import { IConstruct } from "constructs";
import { checkUuid, isUnresolved, parseCidr } from "../constructs/checks";
import { KubeloginMode } from "../constructs/kubernetes-connection";
import { checkPlatformName } from "../constructs/platform-name";
import { ValidationError, describeValue } from "../constructs/validation-error";
import { TierSpec } from "../tiers/tier-spec";
import { customDomainName } from "./edge-from-tier";

/** What `validatePlatformOptions` reads of `PlatformAppOptions` (declared here to keep the import one-way). */
export interface CheckedPlatformOptions {
  readonly platformName: string;
  readonly subscriptionId?: string;
  readonly adminGroupObjectIds?: readonly string[];
  readonly apiServerAuthorizedIpRanges?: readonly string[];
  readonly kubeloginMode?: KubeloginMode;
  readonly devKubeconfigPath?: string;
  readonly devKubeContext?: string;
  readonly edgeOriginDomain?: string;
  readonly edgeTokenAudience?: string;
  readonly edgeCustomDomains?: readonly string[];
}

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const AUDIENCE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|api:\/\/[^\s]+)$/i;

/** The host name a URL, a host with a port or one in capitals stands for, as a hint. */
function hostHint(value: string): string {
  const bare = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/[/?#].*$/, "").replace(/:\d+$/, "").toLowerCase();
  return bare !== value && HOST.test(bare) ? ` (${JSON.stringify(bare)}, not ${JSON.stringify(value)})` : "";
}

/**
 * Rejects a `buildPlatform` option that an inner construct would reject under a derived name (the
 * origin host `<region>.<domain>`, a custom domain's resource name, a cluster's admin group),
 * naming the option as the caller wrote it: `buildPlatform.<option>`.
 */
export function validatePlatformOptions(scope: IConstruct, options: CheckedPlatformOptions, edgeTiers: readonly TierSpec[]): void {
  checkPlatformName(scope, "buildPlatform.platformName", options.platformName);
  if (options.subscriptionId !== undefined) checkUuid(scope, "buildPlatform.subscriptionId", options.subscriptionId);
  (options.adminGroupObjectIds ?? []).forEach((group, i) => {
    if (!isUnresolved(group) && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(group)) {
      throw new ValidationError(scope, `buildPlatform.adminGroupObjectIds[${i}]`, group, "expected an Entra ID group's object id, a UUID such as 00000000-0000-0000-0000-000000000000");
    }
  });
  (options.apiServerAuthorizedIpRanges ?? []).forEach((range, i) => {
    if (!isUnresolved(range)) parseCidr(scope, `buildPlatform.apiServerAuthorizedIpRanges[${i}]`, range.includes("/") ? range : `${range}/32`);
  });
  const modes = Object.values(KubeloginMode) as string[];
  if (options.kubeloginMode !== undefined && !modes.includes(options.kubeloginMode)) {
    throw new ValidationError(scope, "buildPlatform.kubeloginMode", options.kubeloginMode, `expected one of ${modes.map((m) => JSON.stringify(m)).join(", ")} (KubeloginMode)`);
  }
  if (options.devKubeconfigPath !== undefined && options.devKubeconfigPath.trim() === "") {
    throw new ValidationError(scope, "buildPlatform.devKubeconfigPath", options.devKubeconfigPath, "expected a path to a kubeconfig file, or no value for ~/.kube/config");
  }
  if (options.devKubeContext !== undefined && options.devKubeContext.trim() === "") {
    throw new ValidationError(scope, "buildPlatform.devKubeContext", options.devKubeContext, "expected the name of a kubeconfig context, or no value for the default");
  }

  const domain = options.edgeOriginDomain;
  if (domain !== undefined && !isUnresolved(domain)) {
    if (!HOST.test(domain)) {
      throw new ValidationError(scope, "buildPlatform.edgeOriginDomain", domain, `expected a lowercase domain name such as origin.example.org${hostHint(domain)}: each region's origin host is <region>.<domain>`);
    }
    for (const tier of edgeTiers) {
      for (const region of tier.regions) {
        const host = `${region.name}.${domain}`;
        if (!HOST.test(host)) {
          throw new ValidationError(scope, "buildPlatform.edgeOriginDomain", domain, `expected a domain short enough for the origin host ${describeValue(host)} of tier ${tier.name} (at most 253 characters)`);
        }
      }
    }
  }
  const audience = options.edgeTokenAudience;
  if (audience !== undefined && !isUnresolved(audience) && !AUDIENCE.test(audience)) {
    throw new ValidationError(scope, "buildPlatform.edgeTokenAudience", audience, "expected the API app registration's client id (a UUID) or its api:// application id URI");
  }
  const byName = new Map<string, string>();
  (options.edgeCustomDomains ?? []).forEach((host, i) => {
    if (isUnresolved(host)) return;
    if (!HOST.test(host)) {
      throw new ValidationError(scope, `buildPlatform.edgeCustomDomains[${i}]`, host, `expected a lowercase fully qualified host name such as api.example.org${hostHint(host)}`);
    }
    const name = customDomainName(host);
    const clash = byName.get(name);
    if (clash !== undefined) {
      throw new ValidationError(
        scope,
        `buildPlatform.edgeCustomDomains[${i}]`,
        host,
        clash === host ? "expected each host name once" : `expected a host name whose Front Door resource name differs from that of ${JSON.stringify(clash)} (both are ${JSON.stringify(name)})`,
      );
    }
    byName.set(name, host);
  });
  if ((options.edgeCustomDomains ?? []).length > 0 && edgeTiers.length === 0) {
    throw new ValidationError(scope, "buildPlatform.edgeCustomDomains", options.edgeCustomDomains, "expected none: no tier has an edge to serve them (tier.edge)");
  }
}
