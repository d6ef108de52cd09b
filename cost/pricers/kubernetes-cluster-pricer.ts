import { CostLine, UnpricedKind } from "../cost-estimate";
import { HOURS_PER_MONTH } from "../price-table";
import { PricerOutcome, PricingContext, ResourcePricer, UnpricedPart, fixed, usd } from "../pricing-context";
import { TerraformResourceRef, block, numberAttribute, stringAttribute } from "../terraform-json";
import { VM_SHAPES } from "../vm-shapes";
import { NodePoolShape, expectedNodes, nodePoolLines, readNodePool } from "./node-pool-lines";

function controlPlaneLine(resource: TerraformResourceRef, region: string, context: PricingContext): CostLine | UnpricedPart {
  const tier = stringAttribute(resource.config, "sku_tier") ?? "Free";
  const quote = context.quote(`aks/tier/${tier}`, region);
  if (!quote) return { kind: UnpricedKind.NO_PRICE, reason: `no price for the AKS ${tier} tier` };
  const notes = [
    ...(block(resource.config.oms_agent) ? ["Container Insights ingestion is priced on the Log Analytics workspace's line"] : []),
  ];
  let monthly = fixed(quote.usd * HOURS_PER_MONTH);
  const quotes = [quote];
  if (tier === "Premium") {
    // Whether the Premium meter replaces the Standard fee or comes on top of it is unconfirmed.
    const standard = context.quote("aks/tier/Standard", region);
    if (standard) {
      monthly = { ...monthly, max: (quote.usd + standard.usd) * HOURS_PER_MONTH };
      quotes.push(standard);
      notes.push("maximum assumes the Premium meter comes on top of the Standard fee (unconfirmed)");
    }
  }
  return context.line(resource, {
    component: `AKS ${tier} tier control plane`,
    region,
    quantity: `1 cluster x ${HOURS_PER_MONTH} h x ${usd(quote.usd)}/h`,
    monthlyUsd: monthly,
    quotes,
    notes,
  });
}

/** The load balancer and public IPs AKS creates for outbound traffic (outbound type loadBalancer). */
function outboundLines(resource: TerraformResourceRef, region: string, context: PricingContext): { lines: CostLine[]; unpriced: UnpricedPart[] } {
  const network = block(resource.config.network_profile);
  const outbound = stringAttribute(network, "outbound_type") ?? "loadBalancer";
  const lbSku = (stringAttribute(network, "load_balancer_sku") ?? "standard").toLowerCase();
  if (outbound === "managedNATGateway") {
    return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: "the AKS-managed NAT gateway: no NAT gateway price in the table" }] };
  }
  if (outbound !== "loadBalancer" || lbSku !== "standard") return { lines: [], unpriced: [] };
  const lb = context.quote("lb/Standard", region);
  const ip = context.quote("public-ip/Standard", region);
  const lines: CostLine[] = [];
  const byAks = "created by AKS in the node resource group, not by Terraform";
  if (lb) {
    lines.push(
      context.line(resource, {
        component: "AKS outbound load balancer (Standard)",
        region,
        quantity: `1 load balancer x ${HOURS_PER_MONTH} h x ${usd(lb.usd)}/h`,
        monthlyUsd: fixed(lb.usd * HOURS_PER_MONTH),
        quotes: [lb],
        notes: [byAks, "Kubernetes LoadBalancer Services add their rules to this load balancer"],
      }),
    );
  }
  const profile = block(network?.load_balancer_profile);
  const managedIps = numberAttribute(profile, "managed_outbound_ip_count");
  const ips = typeof managedIps === "number" ? managedIps : profile?.outbound_ip_address_ids || profile?.outbound_ip_prefix_ids ? 0 : 1;
  if (ip && ips > 0) {
    lines.push(
      context.line(resource, {
        component: `AKS outbound public IP${ips > 1 ? "s" : ""} (Standard)`,
        region,
        quantity: `${ips} IP x ${HOURS_PER_MONTH} h x ${usd(ip.usd)}/h`,
        monthlyUsd: fixed(ips * ip.usd * HOURS_PER_MONTH),
        quotes: [ip],
        notes: [byAks],
      }),
    );
  }
  return { lines, unpriced: [] };
}

/**
 * Microsoft Defender for Containers, billed per vCore of the cluster's nodes: the default pool and
 * every node pool of this configuration that joins the cluster, at their expected node counts.
 */
function defenderLine(resource: TerraformResourceRef, region: string, defaultPool: NodePoolShape | undefined, context: PricingContext): CostLine | UnpricedPart | undefined {
  if (!block(resource.config.microsoft_defender)) return undefined;
  const quote = context.quote("defender/containers", region);
  if (!quote) return { kind: UnpricedKind.NO_PRICE, reason: "no Defender for Containers price" };
  const pools = [
    ...(defaultPool ? [defaultPool] : []),
    ...context
      .resourcesOfType("azurerm_kubernetes_cluster_node_pool")
      .filter((p) => context.referenced(p.config.kubernetes_cluster_id)?.address === resource.address)
      .map((p) => readNodePool(p.config))
      .filter((p): p is NodePoolShape => !("kind" in p)),
  ];
  const parts: string[] = [];
  let vCores = 0;
  for (const pool of pools) {
    const shape = VM_SHAPES[pool.vmSize];
    if (!shape) return { kind: UnpricedKind.NO_PRICE, reason: `Defender for Containers: no vCPU count for ${pool.vmSize}` };
    const nodes = expectedNodes(pool, context);
    vCores += nodes * shape.vCpus;
    parts.push(`${pool.name} ${Number(nodes.toFixed(3))} x ${shape.vCpus}`);
  }
  return context.line(resource, {
    component: "Microsoft Defender for Containers",
    region,
    quantity: `${Number(vCores.toFixed(3))} vCores (${parts.join(" + ")}) x ${usd(quote.usd)}/vCore-month`,
    monthlyUsd: fixed(vCores * quote.usd),
    quotes: [quote],
    notes: ["billed by the subscription's Defender plan for the vCores of the cluster's nodes, at their expected counts"],
  });
}

/** `azurerm_kubernetes_cluster`: the control plane fee, the default node pool, the outbound load balancer. */
export const priceKubernetesCluster: ResourcePricer = (resource, context): PricerOutcome => {
  const { region, note } = context.regionOf(resource);
  const lines: CostLine[] = [];
  const unpriced: UnpricedPart[] = [];
  const control = controlPlaneLine(resource, region, context);
  if ("kind" in control) unpriced.push(control);
  else lines.push(control);

  const poolConfig = block(resource.config.default_node_pool);
  const pool = poolConfig ? readNodePool(poolConfig) : { kind: UnpricedKind.UNRESOLVED, reason: "no default_node_pool block" };
  if ("kind" in pool) unpriced.push(pool);
  else {
    const out = nodePoolLines(resource, pool, region, note, context);
    lines.push(...out.lines);
    unpriced.push(...(out.unpriced ?? []));
  }

  const defender = defenderLine(resource, region, "kind" in pool ? undefined : pool, context);
  if (defender && "kind" in defender) unpriced.push(defender);
  else if (defender) lines.push(defender);

  const outbound = outboundLines(resource, region, context);
  lines.push(...outbound.lines);
  unpriced.push(...outbound.unpriced);
  return { lines, unpriced };
};
