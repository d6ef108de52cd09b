import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { CdnFrontdoorOrigin } from "../providers/azurerm/cdn-frontdoor-origin";
import { isAzureRegion } from "./azure-regions";
import { checkInteger, isUnresolved } from "./checks";
import { ValidationError } from "./validation-error";

export interface FrontDoorPrivateLinkOriginProps {
  /** The edge's origin group (`IFrontDoorEdge.originGroupId`). */
  readonly originGroupId: string;
  /** Origin name, unique in its group: 1-90 letters, digits and hyphens. */
  readonly name: string;
  /**
   * Host name Front Door sends as Host and SNI; the origin's certificate must be issued for it by a
   * public certificate authority (Front Door checks the name on Private Link origins).
   */
  readonly hostName: string;
  /** Resource id of the Private Link service in front of the origin's internal load balancer. */
  readonly privateLinkServiceId: string;
  /** Region of the Private Link service. */
  readonly location: string;
  /**
   * Shown to whoever approves Front Door's private endpoint connection on the Private Link service.
   * @default "Front Door <name>: approve for the platform edge"
   */
  readonly requestMessage?: string;
  /**
   * Origins with a lower priority take traffic only when every higher one is down; equal
   * priorities share it (active-active).
   * @default 1
   */
  readonly priority?: number;
  /**
   * @default 500
   */
  readonly weight?: number;
  /**
   * What must exist before the origin (the release that makes the cloud provider create the
   * Private Link service): Front Door requests its connection when the origin is created.
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

const ORIGIN_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,88}[a-zA-Z0-9])?$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const PLS_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateLinkServices\/[^/]+$/i;

/**
 * One origin of a Front Door edge reached only over Private Link: Front Door's own private endpoint
 * connects to a Private Link service in front of an internal load balancer, so the origin needs no
 * public address. HTTPS only, with the certificate name checked (Azure requires it for Private Link).
 *
 * Azure leaves the connection pending on the Private Link service until its owner approves it
 * (the provider's documentation: "the Private Link Endpoint must be approved manually"): until
 * then the origin's probes fail and it takes no traffic.
 */
export class FrontDoorPrivateLinkOrigin extends Construct {
  public readonly resource: CdnFrontdoorOrigin;
  public readonly originId: string;
  public readonly hostName: string;
  public readonly privateLinkServiceId: string;
  public readonly requestMessage: string;

  constructor(scope: Construct, id: string, props: FrontDoorPrivateLinkOriginProps) {
    super(scope, id);
    const requestMessage = props.requestMessage ?? `Front Door ${props.name}: approve for the platform edge`;
    const priority = props.priority ?? 1;
    const weight = props.weight ?? 500;
    if (!isUnresolved(props.name) && !ORIGIN_NAME.test(props.name)) {
      throw new ValidationError(this, "name", props.name, "expected 1-90 letters, digits or hyphens, alphanumeric at both ends");
    }
    if (!isUnresolved(props.hostName) && !HOST.test(props.hostName)) {
      throw new ValidationError(this, "hostName", props.hostName, "expected a lowercase fully qualified host name (the origin certificate's subject)");
    }
    if (!isUnresolved(props.privateLinkServiceId) && !PLS_ID.test(props.privateLinkServiceId)) {
      throw new ValidationError(
        this,
        "privateLinkServiceId",
        props.privateLinkServiceId,
        "expected a Private Link service resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/privateLinkServices/<name>)",
      );
    }
    if (!isUnresolved(props.location) && !isAzureRegion(props.location)) {
      throw new ValidationError(this, "location", props.location, "expected an Azure region name such as eastus");
    }
    if (!isUnresolved(requestMessage) && (requestMessage.length < 1 || requestMessage.length > 140)) {
      throw new ValidationError(this, "requestMessage", requestMessage, "expected 1-140 characters");
    }
    checkInteger(this, "priority", priority, 1, 5);
    checkInteger(this, "weight", weight, 1, 1000);

    this.resource = new CdnFrontdoorOrigin(this, "Resource", {
      name: props.name,
      cdnFrontdoorOriginGroupId: props.originGroupId,
      enabled: true,
      hostName: props.hostName,
      originHostHeader: props.hostName,
      httpsPort: 443,
      // Azure requires the name check on Private Link origins.
      certificateNameCheckEnabled: true,
      priority,
      weight,
      privateLink: { privateLinkTargetId: props.privateLinkServiceId, location: props.location, requestMessage },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    this.originId = this.resource.id;
    this.hostName = props.hostName;
    this.privateLinkServiceId = props.privateLinkServiceId;
    this.requestMessage = requestMessage;
  }
}
