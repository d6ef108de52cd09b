import { Construct } from "constructs";
import { ApiManagement } from "../providers/azurerm/api-management";
import { ApiManagementApi } from "../providers/azurerm/api-management-api";
import { ApiManagementApiOperation } from "../providers/azurerm/api-management-api-operation";
import { ApiManagementApiPolicy } from "../providers/azurerm/api-management-api-policy";
import { ApiManagementBackend } from "../providers/azurerm/api-management-backend";
import { NetworkSecurityGroup } from "../providers/azurerm/network-security-group";
import { PublicIp } from "../providers/azurerm/public-ip";
import { Subnet } from "../providers/azurerm/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "../providers/azurerm/subnet-network-security-group-association";
import { ApiGatewayPolicyOptions, EntraTokenValidationOptions, GatewayRateLimit, renderApiGatewayPolicy } from "./api-gateway-policy";
import { checkDnsLabel, checkInteger, isUnresolved, parseCidr } from "./checks";
import { nsgRule } from "./nsg-rule";
import { uniqueResourceName } from "./unique-resource-name";
import { ValidationError } from "./validation-error";

/** Classic API Management tiers that can be injected into a virtual network. */
export enum ApiManagementVnetSku {
  /** One unit, no SLA: for non-production (staging). */
  DEVELOPER = "Developer",
  PREMIUM = "Premium",
}

/** One backend of the API: a private address in the virtual network. */
export interface GatewayBackend {
  /** Backend entity name (letters, digits, hyphens). */
  readonly name: string;
  /** `http://<private ip>:<port>` or `https://...`; no trailing slash. */
  readonly url: string;
}

export interface ApiManagementGatewayProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** The virtual network the gateway joins; it gets a subnet of its own there. */
  readonly virtualNetworkName: string;
  /** The gateway's dedicated subnet: /29 or larger (API Management's stv2 minimum). */
  readonly subnetPrefix: string;
  /** Shown on the developer portal and used for service notifications. */
  readonly publisherName: string;
  readonly publisherEmail: string;
  /** Who may call: Entra ID access tokens checked at the gateway. */
  readonly tokenValidation: EntraTokenValidationOptions;
  /** Where accepted requests go; spread over all of them. At least one. */
  readonly backends: readonly GatewayBackend[];
  /**
   * URL suffix of the API on the gateway (`https://<host>/<path>/...`).
   * @default "federation"
   */
  readonly apiPath?: string;
  /**
   * @default ApiManagementVnetSku.DEVELOPER
   */
  readonly sku?: ApiManagementVnetSku;
  /**
   * Units (Developer allows exactly 1).
   * @default 1
   */
  readonly capacity?: number;
  /**
   * @default {} - 100 calls per 60 s per client IP address
   */
  readonly rateLimit?: GatewayRateLimit;
  /**
   * @default 102400
   */
  readonly maxRequestBodyBytes?: number;
  /**
   * Name of the instance (also its `<name>.azure-api.net` host, so globally unique): 1-50
   * letters, digits, hyphens.
   * @default - `omega-<stack>-apim-<hash of the construct path>`
   */
  readonly name?: string;
  /**
   * DNS label of the public IP (`<label>.<region>.cloudapp.azure.com`), which stv2 requires.
   * @default - the instance name
   */
  readonly domainNameLabel?: string;
  /**
   * Address ranges that may open connections to the gateway on 443.
   * @default ["Internet"]
   */
  readonly clientSources?: readonly string[];
}

/** HTTP methods the API forwards (wildcard operations, `/*`). */
const FORWARDED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * The protected way into services on private addresses: API Management (classic Developer or
 * Premium) injected into the virtual network in External mode, on a dedicated subnet with the
 * network security rules API Management requires, behind a Standard public IP with a DNS label
 * (stv2). One API with wildcard operations forwards to the backends; its policy limits the rate
 * per caller, validates Microsoft Entra ID access tokens (401 otherwise) and caps the request
 * body. The backends are plain backend entities: azurerm's `azurerm_api_management_backend` (5.2.0 as 4.55)
 * has no load-balanced pool type, so the policy spreads requests over them by request id.
 */
export class ApiManagementGateway extends Construct {
  public readonly resource: ApiManagement;
  public readonly subnet: Subnet;
  public readonly securityGroup: NetworkSecurityGroup;
  public readonly publicIp: PublicIp;
  public readonly api: ApiManagementApi;
  public readonly policy: ApiManagementApiPolicy;
  /** The rendered API policy (XML). */
  public readonly policyXml: string;
  public readonly subnetPrefix: string;
  /** `https://<name>.azure-api.net/<apiPath>` once deployed. */
  public readonly apiUrl: string;

  constructor(scope: Construct, id: string, props: ApiManagementGatewayProps) {
    super(scope, id);
    const sku = props.sku ?? ApiManagementVnetSku.DEVELOPER;
    const capacity = props.capacity ?? 1;
    const name = props.name ?? uniqueResourceName(this, "apim", { maxLength: 50 });
    const label = props.domainNameLabel ?? name;
    const apiPath = props.apiPath ?? "federation";
    const clientSources = props.clientSources ?? ["Internet"];

    if (!Object.values(ApiManagementVnetSku).includes(sku)) {
      throw new ValidationError(this, "sku", sku, `expected one of ${Object.values(ApiManagementVnetSku).map((s) => JSON.stringify(s)).join(", ")}: only classic Developer and Premium join a virtual network`);
    }
    checkInteger(this, "capacity", capacity, 1, sku === ApiManagementVnetSku.DEVELOPER ? 1 : 12);
    if (!isUnresolved(name) && !/^[a-zA-Z](?:[a-zA-Z0-9-]{0,48}[a-zA-Z0-9])?$/.test(name)) {
      throw new ValidationError(this, "name", name, "expected 1-50 letters, digits and hyphens, starting with a letter and not ending with a hyphen");
    }
    if (!isUnresolved(label) && !/^[a-z][a-z0-9-]{1,61}[a-z0-9]$/.test(label)) {
      throw new ValidationError(this, "domainNameLabel", label, "expected 3-63 lowercase letters, digits and hyphens, starting with a letter");
    }
    if (!isUnresolved(props.subnetPrefix)) {
      const block = parseCidr(this, "subnetPrefix", props.subnetPrefix);
      if (block.prefix > 29) throw new ValidationError(this, "subnetPrefix", props.subnetPrefix, "expected a /29 or larger block: API Management's minimum subnet");
    }
    if (!isUnresolved(props.publisherEmail) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.publisherEmail)) {
      throw new ValidationError(this, "publisherEmail", props.publisherEmail, "expected an email address");
    }
    checkDnsLabel(this, "apiPath", apiPath);
    if (props.backends.length === 0) throw new ValidationError(this, "backends", [], "expected at least one backend");
    props.backends.forEach((b, i) => {
      if (!isUnresolved(b.url) && !/^https?:\/\/[^/\s]+(?:\/[^\s]*[^/\s])?$/.test(b.url)) {
        throw new ValidationError(this, `backends[${i}].url`, b.url, "expected an http(s) URL without a trailing slash");
      }
    });
    if (new Set(props.backends.map((b) => b.name)).size !== props.backends.length) {
      throw new ValidationError(this, "backends", props.backends.map((b) => b.name), "expected distinct backend names");
    }
    if (clientSources.length === 0) throw new ValidationError(this, "clientSources", [], "expected at least one source (\"Internet\" for a public way in)");
    const policyOptions: ApiGatewayPolicyOptions = {
      tokenValidation: props.tokenValidation,
      backendIds: props.backends.map((b) => b.name),
      rateLimit: props.rateLimit,
      maxRequestBodyBytes: props.maxRequestBodyBytes,
    };
    this.policyXml = renderApiGatewayPolicy(this, policyOptions);

    // A dedicated subnet, not delegated. Its outbound stays open: API Management's required
    // dependencies include certificate revocation and diagnostics endpoints on the internet.
    this.subnet = new Subnet(this, "Subnet", {
      name: "api-gateway",
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: props.virtualNetworkName,
      addressPrefixes: [props.subnetPrefix],
    });
    const rule = nsgRule;
    // The required rules of "Virtual network configuration reference: API Management" (stv2).
    this.securityGroup = new NetworkSecurityGroup(this, "SecurityGroup", {
      name: `${name}-nsg`,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      securityRule: [
        rule("allow-clients-https", 100, "Inbound", "Allow", clientSources.length === 1 ? clientSources[0] : clientSources, "VirtualNetwork", ["443"]),
        rule("allow-management-endpoint", 110, "Inbound", "Allow", "ApiManagement", "VirtualNetwork", ["3443"]),
        rule("allow-azure-load-balancer", 120, "Inbound", "Allow", "AzureLoadBalancer", "VirtualNetwork", ["6390"]),
        rule("deny-other-inbound", 4000, "Inbound", "Deny", "*", "*", "*", "*"),
        rule("allow-storage", 100, "Outbound", "Allow", "VirtualNetwork", "Storage", ["443"]),
        rule("allow-sql", 110, "Outbound", "Allow", "VirtualNetwork", "Sql", ["1433"]),
        rule("allow-key-vault", 120, "Outbound", "Allow", "VirtualNetwork", "AzureKeyVault", ["443"]),
        rule("allow-azure-monitor", 130, "Outbound", "Allow", "VirtualNetwork", "AzureMonitor", ["1886", "443"]),
        // validate-azure-ad-token reads the tenant's signing keys from login.microsoftonline.com.
        rule("allow-entra-id", 140, "Outbound", "Allow", "VirtualNetwork", "AzureActiveDirectory", ["443"]),
        rule("allow-certificate-validation", 150, "Outbound", "Allow", "VirtualNetwork", "Internet", ["80"]),
      ],
    });
    const association = new SubnetNetworkSecurityGroupAssociation(this, "SecurityGroupAssociation", {
      subnetId: this.subnet.id,
      networkSecurityGroupId: this.securityGroup.id,
    });
    this.publicIp = new PublicIp(this, "PublicIp", {
      name: `${name}-ip`,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      sku: "Standard",
      allocationMethod: "Static",
      domainNameLabel: label,
    });

    this.resource = new ApiManagement(this, "Resource", {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      publisherName: props.publisherName,
      publisherEmail: props.publisherEmail,
      skuName: `${sku}_${capacity}`,
      virtualNetworkType: "External",
      virtualNetworkConfiguration: { subnetId: this.subnet.id },
      publicIpAddressId: this.publicIp.id,
      // Azure validates the subnet's security group when the instance joins the network.
      dependsOn: [association],
    });

    const common = { apiManagementName: this.resource.name, resourceGroupName: props.resourceGroupName };
    const backends = props.backends.map(
      (b) =>
        new ApiManagementBackend(this, `Backend-${b.name}`, {
          ...common,
          name: b.name,
          protocol: "http",
          url: b.url,
        }),
    );
    this.api = new ApiManagementApi(this, "Api", {
      ...common,
      name: apiPath,
      revision: "1",
      displayName: apiPath,
      path: apiPath,
      protocols: ["https"],
      // Callers authenticate with Entra ID tokens, not subscription keys.
      subscriptionRequired: false,
    });
    for (const method of FORWARDED_METHODS) {
      new ApiManagementApiOperation(this, `Operation-${method}`, {
        ...common,
        apiName: this.api.name,
        operationId: `${method.toLowerCase()}-any`,
        displayName: `${method} /*`,
        method,
        urlTemplate: "/*",
      });
    }
    this.policy = new ApiManagementApiPolicy(this, "Policy", {
      ...common,
      apiName: this.api.name,
      xmlContent: this.policyXml,
      dependsOn: backends,
    });
    this.subnetPrefix = props.subnetPrefix;
    this.apiUrl = `${this.resource.gatewayUrl}/${apiPath}`;
  }
}
