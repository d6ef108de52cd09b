import { block, show } from "../../config-values";
import { STAGING_AND_PRODUCTION_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

const ACCEPTED = ["VersionTLS12", "VersionTLS13"];

/** A Traefik release's default TLS options accept TLS 1.2 at least (Traefik's own default is 1.2 only from its TLS options). */
export const gatewayMinimumTls: PolicyRule = {
  name: "GatewayMinimumTls",
  description: "An ingress gateway that negotiates TLS 1.0 or 1.1 exposes the tokens and data it carries to known attacks",
  fix: "use TraefikGateway, which always sets TLS 1.2 as the minimum",
  resourceTypes: ["helm_release"],
  checkovIds: [],
  levels: STAGING_AND_PRODUCTION_ERROR,
  evaluate: (resource) => {
    if (resource.config.chart !== "traefik") return notApplicable();
    const documents = Array.isArray(resource.config.values) ? resource.config.values : [];
    let minVersion: unknown;
    for (const doc of documents) {
      if (typeof doc !== "string") continue;
      try {
        minVersion = block(block(block(JSON.parse(doc))?.tlsOptions)?.default)?.minVersion ?? minVersion;
      } catch {
        return nonCompliant("values are not JSON, so the TLS options cannot be checked; write them as JSON");
      }
    }
    return typeof minVersion === "string" && ACCEPTED.includes(minVersion)
      ? compliant()
      : nonCompliant(`tlsOptions.default.minVersion is ${show(minVersion)}, expected "VersionTLS12" or "VersionTLS13"`);
  },
};
