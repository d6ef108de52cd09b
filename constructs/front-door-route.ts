import { Construct } from "constructs";
import { CdnFrontdoorCustomDomainAssociation } from "../providers/azurerm/cdn-frontdoor-custom-domain-association";
import { CdnFrontdoorRoute } from "../providers/azurerm/cdn-frontdoor-route";
import { isUnresolved } from "./checks";
import { ValidationError } from "./validation-error";

export interface FrontDoorRouteProps {
  readonly endpointId: string;
  readonly originGroupId: string;
  /**
   * Origins that must exist before the route: Azure refuses a route to an empty origin group.
   * (The provider only orders resources by them; the route serves every origin of the group.)
   */
  readonly originIds: readonly string[];
  /**
   * @default "platform"
   */
  readonly name?: string;
  /**
   * @default ["/*"]
   */
  readonly patternsToMatch?: readonly string[];
  /**
   * Custom domains (`azurerm_cdn_frontdoor_custom_domain` ids) served besides the endpoint's own.
   * @default - the endpoint's default domain only
   */
  readonly customDomainIds?: readonly string[];
}

const ROUTE_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,88}[a-zA-Z0-9])?$/;

/**
 * The route from a Front Door endpoint to its origin group: HTTPS to the origins only, HTTP from
 * clients redirected to HTTPS, no caching (an API). The endpoint's default domain is linked, so
 * the edge works before any custom domain exists; custom domains are associated with the route.
 */
export class FrontDoorRoute extends Construct {
  public readonly resource: CdnFrontdoorRoute;
  /** One per custom domain: the provider keeps a domain's routes in this resource. */
  public readonly domainAssociations: readonly CdnFrontdoorCustomDomainAssociation[];

  constructor(scope: Construct, id: string, props: FrontDoorRouteProps) {
    super(scope, id);
    const name = props.name ?? "platform";
    const patterns = props.patternsToMatch ?? ["/*"];
    if (!isUnresolved(name) && !ROUTE_NAME.test(name)) {
      throw new ValidationError(this, "name", name, "expected 1-90 letters, digits or hyphens, alphanumeric at both ends");
    }
    if (props.originIds.length === 0) {
      throw new ValidationError(this, "originIds", [], "expected at least one origin: Azure refuses a route to an empty origin group");
    }
    if (patterns.length === 0) throw new ValidationError(this, "patternsToMatch", [], "expected at least one pattern such as /*");
    for (const p of patterns) {
      if (!isUnresolved(p) && !p.startsWith("/")) throw new ValidationError(this, "patternsToMatch", p, 'expected patterns starting with "/"');
    }
    this.resource = new CdnFrontdoorRoute(this, "Resource", {
      name,
      cdnFrontdoorEndpointId: props.endpointId,
      cdnFrontdoorOriginGroupId: props.originGroupId,
      cdnFrontdoorOriginIds: [...props.originIds],
      cdnFrontdoorCustomDomainIds: props.customDomainIds ? [...props.customDomainIds] : undefined,
      enabled: true,
      forwardingProtocol: "HttpsOnly",
      httpsRedirectEnabled: true,
      supportedProtocols: ["Http", "Https"],
      patternsToMatch: [...patterns],
      linkToDefaultDomain: true,
    });
    const associations = (props.customDomainIds ?? []).map(
      (domainId, i) =>
        new CdnFrontdoorCustomDomainAssociation(this, `Domain${i}`, { cdnFrontdoorCustomDomainId: domainId, cdnFrontdoorRouteIds: [this.resource.id] }),
    );
    this.domainAssociations = associations;
  }
}
