import { Construct } from "constructs";
import { CdnFrontdoorCustomDomain } from "../providers/azurerm/cdn-frontdoor-custom-domain";
import { CdnFrontdoorEndpoint } from "../providers/azurerm/cdn-frontdoor-endpoint";
import {
  CdnFrontdoorFirewallPolicy,
  CdnFrontdoorFirewallPolicyCustomRule,
  CdnFrontdoorFirewallPolicyManagedRule,
} from "../providers/azurerm/cdn-frontdoor-firewall-policy";
import { CdnFrontdoorOriginGroup } from "../providers/azurerm/cdn-frontdoor-origin-group";
import { CdnFrontdoorProfile } from "../providers/azurerm/cdn-frontdoor-profile";
import { CdnFrontdoorSecurityPolicy } from "../providers/azurerm/cdn-frontdoor-security-policy";
import { checkInteger, isUnresolved } from "./checks";
import { ValidationError } from "./validation-error";

/** Front Door tiers. Only Premium runs the managed rule sets and reaches origins over Private Link. */
export enum FrontDoorSku {
  STANDARD = "Standard_AzureFrontDoor",
  PREMIUM = "Premium_AzureFrontDoor",
}

/** What the WAF does with a request a rule matches. */
export enum FrontDoorWafMode {
  PREVENTION = "Prevention",
  DETECTION = "Detection",
}

/** The managed Default Rule Set the WAF runs (OWASP-based, anomaly scoring from 2.0). */
export const FRONT_DOOR_DEFAULT_RULE_SET = { type: "Microsoft_DefaultRuleSet", version: "2.1" } as const;
/** Microsoft's bot protection rule set (good, bad and unknown bots from Microsoft Threat Intelligence). */
export const FRONT_DOOR_BOT_MANAGER_RULE_SET = { type: "Microsoft_BotManagerRuleSet", version: "1.1" } as const;

/** The edge's web application firewall. */
export interface FrontDoorWafOptions {
  /**
   * @default FrontDoorWafMode.PREVENTION
   */
  readonly mode?: FrontDoorWafMode;
  /**
   * Requests one client address may make in a minute before it is blocked (a RateLimitRule on the
   * socket address, so a spoofed X-Forwarded-For changes nothing).
   * @default 1000
   */
  readonly rateLimitPerMinute?: number;
  /**
   * Largest request body, by its Content-Length header, in KiB; larger requests are blocked.
   * (Chunked bodies carry no Content-Length: the origin's own body limit catches those.)
   * @default 1024
   */
  readonly maxRequestBodyKiB?: number;
  /**
   * Run Microsoft's bot manager rule set beside the Default Rule Set.
   * @default true
   */
  readonly botProtection?: boolean;
}

/** How Front Door probes the origins and spreads requests over them. */
export interface FrontDoorHealthProbeOptions {
  /**
   * Path probed on every origin (through its Host header).
   * @default "/health/ready"
   */
  readonly path?: string;
  /**
   * @default 30
   */
  readonly intervalSeconds?: number;
  /**
   * Origins whose probe latency is within this of the fastest share the traffic (latency-based
   * routing); the others take over when those fail.
   * @default 50
   */
  readonly additionalLatencyMs?: number;
}

/**
 * A domain clients use besides the endpoint's own, with a certificate Front Door issues and renews
 * (managed, TLS 1.2). Its owner publishes the domain's `validationToken` as TXT `_dnsauth.<host>`
 * and a CNAME to the endpoint's host name.
 */
export interface FrontDoorCustomDomainOptions {
  /** Resource name: 2-260 letters, digits and hyphens. */
  readonly name: string;
  /** Lowercase fully qualified host name (`api.example.org`). */
  readonly hostName: string;
  /**
   * An Azure DNS zone that holds the domain.
   * @default - DNS hosted elsewhere
   */
  readonly dnsZoneId?: string;
}

export interface FrontDoorEdgeProps {
  readonly resourceGroupName: string;
  /** Name of the profile: 1-90 letters, digits and hyphens, alphanumeric at both ends. */
  readonly name: string;
  /**
   * Name of the default endpoint (its host name is `<name>-<hash>.z01.azurefd.net`): 1-46 letters,
   * digits and hyphens.
   * @default - the profile's name
   */
  readonly endpointName?: string;
  /**
   * Premium is required for the managed rule sets and for Private Link origins.
   * @default FrontDoorSku.PREMIUM
   */
  readonly sku?: FrontDoorSku;
  /**
   * @default - Prevention, Default Rule Set 2.1 and bot manager, 1000 requests a minute per client, 1 MiB bodies
   */
  readonly waf?: FrontDoorWafOptions;
  /**
   * @default - `/health/ready` over HTTPS every 30 s, latency-based within 50 ms
   */
  readonly healthProbe?: FrontDoorHealthProbeOptions;
  /**
   * Longest Front Door waits for an origin's response.
   * @default 60
   */
  readonly responseTimeoutSeconds?: number;
  /**
   * Custom domains, each bound to the WAF like the endpoint; the route that serves them takes
   * `customDomainIds`.
   * @default - the endpoint's own `azurefd.net` domain only
   */
  readonly customDomains?: readonly FrontDoorCustomDomainOptions[];
}

/** What origins and routes in other stacks need to join an edge. */
export interface IFrontDoorEdge {
  readonly profileId: string;
  readonly endpointId: string;
  readonly originGroupId: string;
  /**
   * The profile's `X-Azure-FDID`: Front Door sends it on every request to an origin, and origins
   * accept only requests that carry their own profile's id.
   */
  readonly frontDoorId: string;
  /**
   * Custom domains the route must serve.
   * @default - none
   */
  readonly customDomainIds?: readonly string[];
}

const DOMAIN_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,258}[a-zA-Z0-9])$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const PROFILE_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,88}[a-zA-Z0-9])?$/;
const ENDPOINT_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,44}[a-zA-Z0-9])?$/;
const PATH = /^\/[A-Za-z0-9._~\/-]*$/;

/** A firewall policy name allows letters and digits only, starting with a letter. */
function firewallPolicyName(profileName: string): string {
  const cleaned = profileName.replace(/[^a-zA-Z0-9]/g, "");
  return `${/^[a-zA-Z]/.test(cleaned) ? "" : "waf"}${cleaned}waf`.slice(0, 128);
}

/**
 * Azure Front Door as the platform's public edge, secure by default: Premium, one endpoint, a WAF
 * policy in Prevention mode (Default Rule Set 2.1 blocking on anomaly score, the bot manager rule
 * set, a rate limit per client address, a request body size limit) bound to the endpoint's domain,
 * and one origin group that probes its origins over HTTPS and routes each request to the lowest
 * latency healthy origin (active-active; a failed origin stops receiving traffic).
 *
 * Origins and the route join from where their targets exist (`FrontDoorPrivateLinkOrigin`,
 * `FrontDoorRoute`): a Private Link origin can only be created once its Private Link service does.
 */
export class FrontDoorEdge extends Construct implements IFrontDoorEdge {
  public readonly profile: CdnFrontdoorProfile;
  public readonly firewallPolicy: CdnFrontdoorFirewallPolicy;
  public readonly endpoint: CdnFrontdoorEndpoint;
  public readonly originGroup: CdnFrontdoorOriginGroup;
  public readonly securityPolicy: CdnFrontdoorSecurityPolicy;
  /** The custom domains, by name. */
  public readonly customDomains: ReadonlyMap<string, CdnFrontdoorCustomDomain>;
  public readonly customDomainIds: readonly string[];
  public readonly profileId: string;
  public readonly endpointId: string;
  /** The endpoint's host name (`<name>-<hash>.z01.azurefd.net`), the default way in. */
  public readonly endpointHostName: string;
  public readonly originGroupId: string;
  public readonly frontDoorId: string;
  public readonly sku: FrontDoorSku;
  public readonly wafMode: FrontDoorWafMode;
  public readonly rateLimitPerMinute: number;
  public readonly maxRequestBodyKiB: number;
  public readonly healthProbePath: string;

  constructor(scope: Construct, id: string, props: FrontDoorEdgeProps) {
    super(scope, id);
    const sku = props.sku ?? FrontDoorSku.PREMIUM;
    const endpointName = props.endpointName ?? props.name;
    const waf = props.waf ?? {};
    const mode = waf.mode ?? FrontDoorWafMode.PREVENTION;
    const rateLimitPerMinute = waf.rateLimitPerMinute ?? 1000;
    const maxRequestBodyKiB = waf.maxRequestBodyKiB ?? 1024;
    const botProtection = waf.botProtection ?? true;
    const probe = props.healthProbe ?? {};
    const probePath = probe.path ?? "/health/ready";
    const probeInterval = probe.intervalSeconds ?? 30;
    const additionalLatencyMs = probe.additionalLatencyMs ?? 50;
    const responseTimeoutSeconds = props.responseTimeoutSeconds ?? 60;

    if (!isUnresolved(props.name) && !PROFILE_NAME.test(props.name)) {
      throw new ValidationError(this, "name", props.name, "expected 1-90 letters, digits or hyphens, alphanumeric at both ends");
    }
    if (!isUnresolved(endpointName) && !ENDPOINT_NAME.test(endpointName)) {
      throw new ValidationError(this, "endpointName", endpointName, "expected 1-46 letters, digits or hyphens, alphanumeric at both ends");
    }
    if (!Object.values(FrontDoorSku).includes(sku)) {
      throw new ValidationError(this, "sku", sku, `expected one of ${Object.values(FrontDoorSku).join(", ")}`);
    }
    if (!Object.values(FrontDoorWafMode).includes(mode)) {
      throw new ValidationError(this, "waf.mode", mode, `expected one of ${Object.values(FrontDoorWafMode).join(", ")}`);
    }
    if (sku !== FrontDoorSku.PREMIUM && botProtection) {
      throw new ValidationError(this, "sku", sku, "expected Premium_AzureFrontDoor: the managed Default Rule Set and bot manager run only on Premium");
    }
    // Front Door's rate limit rules count at least 10 requests in a window (the provider's default threshold is 10).
    checkInteger(this, "waf.rateLimitPerMinute", rateLimitPerMinute, 10, 5_000_000);
    checkInteger(this, "waf.maxRequestBodyKiB", maxRequestBodyKiB, 1, 4 * 1024 * 1024);
    if (!PATH.test(probePath)) throw new ValidationError(this, "healthProbe.path", probePath, 'expected a path starting with "/"');
    checkInteger(this, "healthProbe.intervalSeconds", probeInterval, 1, 255);
    checkInteger(this, "healthProbe.additionalLatencyMs", additionalLatencyMs, 0, 1000);
    checkInteger(this, "responseTimeoutSeconds", responseTimeoutSeconds, 16, 240);
    const domainNames = new Set<string>();
    (props.customDomains ?? []).forEach((d, i) => {
      if (!isUnresolved(d.name) && !DOMAIN_NAME.test(d.name)) {
        throw new ValidationError(this, `customDomains[${i}].name`, d.name, "expected 2-260 letters, digits or hyphens, alphanumeric at both ends");
      }
      if (domainNames.has(d.name)) throw new ValidationError(this, `customDomains[${i}].name`, d.name, "expected each custom domain name once");
      domainNames.add(d.name);
      if (!isUnresolved(d.hostName) && !HOST.test(d.hostName)) {
        throw new ValidationError(this, `customDomains[${i}].hostName`, d.hostName, "expected a lowercase fully qualified host name");
      }
    });

    this.profile = new CdnFrontdoorProfile(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      skuName: sku,
      responseTimeoutSeconds,
    });

    const customRules: CdnFrontdoorFirewallPolicyCustomRule[] = [
      {
        name: "RateLimitPerClient",
        type: "RateLimitRule",
        action: "Block",
        priority: 100,
        rateLimitDurationInMinutes: 1,
        rateLimitThreshold: rateLimitPerMinute,
        // Every client address counts (the socket address, not a forwarded header).
        matchCondition: [{ matchVariable: "SocketAddr", operator: "IPMatch", matchValues: ["0.0.0.0/0", "::/0"] }],
      },
      {
        name: "MaxRequestBody",
        type: "MatchRule",
        action: "Block",
        priority: 200,
        matchCondition: [
          { matchVariable: "RequestHeader", selector: "Content-Length", operator: "GreaterThan", matchValues: [String(maxRequestBodyKiB * 1024)] },
        ],
      },
    ];
    const managedRules: CdnFrontdoorFirewallPolicyManagedRule[] =
      sku === FrontDoorSku.PREMIUM
        ? [
            // From 2.0 the rule set scores anomalies; "Block" blocks a request scoring 5 or more.
            { type: FRONT_DOOR_DEFAULT_RULE_SET.type, version: FRONT_DOOR_DEFAULT_RULE_SET.version, action: "Block" },
            ...(botProtection ? [{ type: FRONT_DOOR_BOT_MANAGER_RULE_SET.type, version: FRONT_DOOR_BOT_MANAGER_RULE_SET.version, action: "Block" }] : []),
          ]
        : [];
    this.firewallPolicy = new CdnFrontdoorFirewallPolicy(this, "Waf", {
      name: firewallPolicyName(props.name),
      resourceGroupName: props.resourceGroupName,
      skuName: sku,
      enabled: true,
      mode,
      requestBodyCheckEnabled: true,
      customBlockResponseStatusCode: 403,
      customRule: customRules,
      managedRule: managedRules,
    });

    this.endpoint = new CdnFrontdoorEndpoint(this, "Endpoint", {
      name: endpointName,
      cdnFrontdoorProfileId: this.profile.id,
      enabled: true,
    });

    this.originGroup = new CdnFrontdoorOriginGroup(this, "Origins", {
      name: "platform",
      cdnFrontdoorProfileId: this.profile.id,
      // The API is stateless behind the token check: any healthy region may serve any request.
      sessionAffinityEnabled: false,
      restoreTrafficTimeToHealedOrNewEndpointInMinutes: 5,
      healthProbe: { protocol: "Https", path: probePath, requestType: "GET", intervalInSeconds: probeInterval },
      loadBalancing: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: additionalLatencyMs },
    });

    const domains = new Map<string, CdnFrontdoorCustomDomain>();
    if (props.customDomains && props.customDomains.length > 0) {
      const scope = new Construct(this, "CustomDomains");
      for (const d of props.customDomains) {
        domains.set(
          d.name,
          new CdnFrontdoorCustomDomain(scope, d.name, {
            name: d.name,
            cdnFrontdoorProfileId: this.profile.id,
            hostName: d.hostName,
            dnsZoneId: d.dnsZoneId,
            tls: { certificateType: "ManagedCertificate", minimumVersion: "TLS12" },
          }),
        );
      }
    }
    this.customDomains = domains;
    this.customDomainIds = [...domains.values()].map((d) => d.id);

    this.securityPolicy = new CdnFrontdoorSecurityPolicy(this, "SecurityPolicy", {
      name: "waf",
      cdnFrontdoorProfileId: this.profile.id,
      securityPolicies: {
        firewall: {
          cdnFrontdoorFirewallPolicyId: this.firewallPolicy.id,
          association: {
            patternsToMatch: ["/*"],
            domain: [this.endpoint.id, ...this.customDomainIds].map((id) => ({ cdnFrontdoorDomainId: id })),
          },
        },
      },
    });

    this.profileId = this.profile.id;
    this.endpointId = this.endpoint.id;
    this.endpointHostName = this.endpoint.hostName;
    this.originGroupId = this.originGroup.id;
    this.frontDoorId = this.profile.resourceGuid;
    this.sku = sku;
    this.wafMode = mode;
    this.rateLimitPerMinute = rateLimitPerMinute;
    this.maxRequestBodyKiB = maxRequestBodyKiB;
    this.healthProbePath = probePath;
  }
}
