import { App, Aspects } from "cdktf";
import { DataAzurermClientConfig } from "../../providers/azurerm/data-azurerm-client-config";
import { PrivateDnsZone } from "../../providers/azurerm/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "../../providers/azurerm/private-dns-zone-virtual-network-link";
import { AzurermProvider } from "../../providers/azurerm/provider";
import { NetworkSecurityGroup } from "../../providers/azurerm/network-security-group";
import { Subnet } from "../../providers/azurerm/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "../../providers/azurerm/subnet-network-security-group-association";
import { AzureTags } from "../../constructs/azure-tags";
import { KubeloginMode } from "../../constructs/kubernetes-connection";
import { PrivateDnsZones, PrivateLinkService } from "../../constructs/private-dns-zones";
import { TENANT_PLANS, TenantPlanLimits } from "../../constructs/tenant-templates";
import { TenantResources } from "../../constructs/tenant-resources";
import { configureKubernetesProviders } from "../../stacks/kubernetes-providers";
import { ExampleClusterStack, ExampleStack } from "../example-stacks";
import { registerResourceProviders } from "../../constructs/resource-provider-registrations";

/**
 * Seed 003's one-click resources, for real: each click becomes a tenant stack created from a
 * template name and a tenant id (`cdktf deploy tenant-<id>`), on a shared host cluster.
 *
 * `tenants-host` is the platform the tenants share: the AKS cluster (with the Key Vault CSI driver
 * and workload identity), and in its network a subnet delegated to PostgreSQL Flexible Server with
 * the private DNS zone the servers register in. A tenant stack holds only that tenant's resources,
 * so a tenant is added or removed without touching another's state.
 */
export const HOST_ADDRESS_SPACE = "10.80.0.0/16";
export const POSTGRES_SUBNET_PREFIX = "10.80.8.0/24";

/** The tenants this example deploys: one per template kind, on the plan that fits it. */
export const EXAMPLE_TENANTS: readonly { readonly tenantId: string; readonly templateName: string; readonly plan: TenantPlanLimits }[] = [
  { tenantId: "acme", templateName: "postgres-small", plan: TENANT_PLANS.basic },
  { tenantId: "globex", templateName: "postgres-medium", plan: TENANT_PLANS.pro },
  { tenantId: "initech", templateName: "ipfs-cluster-small", plan: TENANT_PLANS.pro },
  { tenantId: "umbrella", templateName: "medium-storage", plan: TENANT_PLANS.basic },
];

export class TenantHostStack extends ExampleClusterStack {
  public readonly postgresSubnet: Subnet;
  public readonly postgresDnsZone: PrivateDnsZone;
  /** The privatelink zones of the host network; the tenants' vault endpoints register in them. */
  public readonly privateDnsZones: PrivateDnsZones;

  constructor(scope: App, id: string) {
    super(scope, id, {
      project: "tenants",
      location: "eastus",
      vnetAddressSpace: HOST_ADDRESS_SPACE,
      clusterSubnetPrefix: "10.80.0.0/22",
      privateEndpointSubnetPrefix: "10.80.4.0/24",
      vmSize: "Standard_D4s_v5",
      nodeCount: 3,
    });
    this.postgresSubnet = new Subnet(this, "PostgresSubnet", {
      name: "postgres",
      resourceGroupName: this.resourceGroup.name,
      virtualNetworkName: this.network.virtualNetwork.name,
      addressPrefixes: [POSTGRES_SUBNET_PREFIX],
      defaultOutboundAccessEnabled: false,
      delegation: [
        {
          name: "postgres-flexible",
          serviceDelegation: { name: "Microsoft.DBforPostgreSQL/flexibleServers", actions: ["Microsoft.Network/virtualNetworks/subnets/join/action"] },
        },
      ],
    });
    // Azure's default rules: traffic from the virtual network in, nothing from the internet.
    const nsg = new NetworkSecurityGroup(this, "PostgresNsg", { name: "postgres", resourceGroupName: this.resourceGroup.name, location: "eastus" });
    new SubnetNetworkSecurityGroupAssociation(this, "PostgresNsgAssociation", { subnetId: this.postgresSubnet.id, networkSecurityGroupId: nsg.id });
    this.privateDnsZones = new PrivateDnsZones(this, "PrivateDns", { resourceGroupName: this.resourceGroup.name, virtualNetworkId: this.network.virtualNetworkId });
    this.privateDnsZones.zoneFor(PrivateLinkService.KEY_VAULT);
    this.postgresDnsZone = new PrivateDnsZone(this, "PostgresDns", {
      name: "tenants.private.postgres.database.azure.com",
      resourceGroupName: this.resourceGroup.name,
    });
    new PrivateDnsZoneVirtualNetworkLink(this, "PostgresDnsLink", {
      name: "tenants-host",
      privateDnsZoneId: this.postgresDnsZone.id,
      virtualNetworkId: this.network.virtualNetworkId,
      registrationEnabled: false,
    });
  }
}

export interface TenantStackProps {
  readonly host: TenantHostStack;
  readonly tenantId: string;
  readonly templateName: string;
  readonly plan: TenantPlanLimits;
}

/** One tenant's stack: `tenant-<id>`. */
export class TenantStack extends ExampleStack {
  public readonly tenant: TenantResources;

  constructor(scope: App, props: TenantStackProps) {
    super(scope, `tenant-${props.tenantId}`);
    const { host } = props;
    registerResourceProviders(new AzurermProvider(this, "azurerm", { features: [{}], storageUseAzuread: true }));
    configureKubernetesProviders(this, host.cluster.connection(KubeloginMode.AZURE_CLI));
    Aspects.of(this).add(new AzureTags({ environment: this.node.id, tier: props.plan.name, region: "eastus", costCenter: `tenant-${props.tenantId}` }));
    const client = new DataAzurermClientConfig(this, "Client", {});
    this.tenant = new TenantResources(this, "Tenant", {
      tenantId: props.tenantId,
      templateName: props.templateName,
      plan: props.plan,
      // Each tenant's Azure resources sit in the host's resource group, named after the tenant.
      resourceGroupName: host.resourceGroup.name,
      location: "eastus",
      oidcIssuerUrl: host.cluster.oidcIssuerUrl,
      entraTenantId: client.tenantId,
      keyVaultPrivateEndpoint: { subnetId: host.network.privateEndpointSubnetId as string, dnsZones: host.privateDnsZones },
      postgresNetwork: {
        delegatedSubnetId: host.postgresSubnet.id,
        privateDnsZoneId: host.postgresDnsZone.id,
        subnetPrefix: POSTGRES_SUBNET_PREFIX,
      },
    });
  }
}

export function buildTenants(app: App): { host: TenantHostStack; tenants: TenantStack[] } {
  const host = new TenantHostStack(app, "tenants-host");
  const tenants = EXAMPLE_TENANTS.map((t) => new TenantStack(app, { host, ...t }));
  return { host, tenants };
}

if (require.main === module) {
  const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? `${__dirname}/cdktf.out` });
  buildTenants(app);
  app.synth();
}
