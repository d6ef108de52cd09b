import { at, strings } from "../../config-values";
import { PRODUCTION_ERROR_STAGING_WARNING, PolicyRule, compliant, nonCompliant } from "../../policy-rule";

const ANYWHERE = ["0.0.0.0/0", "0.0.0.0", "*"];

/** The API server is private, or public only to listed address ranges. */
export const aksApiServerAccessRestricted: PolicyRule = {
  name: "AksApiServerAccessRestricted",
  description: "An API server reachable from any address is exposed to credential stuffing and to every future API server vulnerability",
  fix: "set AlwaysOnClusterProps.authorizedIpRanges to the CIDRs that deploy and operate the cluster, or privateClusterEnabled: true (deploy from inside the network)",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  checkovIds: ["CKV_AZURE_6", "CKV_AZURE_115"],
  levels: PRODUCTION_ERROR_STAGING_WARNING,
  evaluate: (resource) => {
    if (resource.config.private_cluster_enabled === true) return compliant();
    const ranges = strings(at(resource.config, "api_server_access_profile")?.authorized_ip_ranges);
    if (ranges.length === 0) {
      return nonCompliant("the API server is public to any address: private_cluster_enabled is not true and api_server_access_profile.authorized_ip_ranges is empty");
    }
    const open = ranges.find((r) => ANYWHERE.includes(r));
    return open ? nonCompliant(`api_server_access_profile.authorized_ip_ranges contains ${JSON.stringify(open)}, which is any address`) : compliant();
  },
};
