import { UnpricedKind } from "../cost-estimate";
import { PricerOutcome, ResourcePricer, fixed, usd } from "../pricing-context";
import { blocks, numberAttribute, stringAttribute } from "../terraform-json";

/** `azurerm_container_group` (Linux, Standard): the containers' vCPUs and GiB for the hours they run. */
export const priceContainerGroup: ResourcePricer = (resource, context): PricerOutcome => {
  const os = stringAttribute(resource.config, "os_type") ?? "Linux";
  const sku = stringAttribute(resource.config, "sku") ?? "Standard";
  if (os !== "Linux" || sku !== "Standard") {
    return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: `no price for ${os} ${sku} container groups in the price table` }] };
  }
  let cpu = 0;
  let memory = 0;
  for (const container of blocks(resource.config.container)) {
    const c = numberAttribute(container, "cpu");
    const m = numberAttribute(container, "memory");
    if (typeof c !== "number" || typeof m !== "number") {
      return { lines: [], unpriced: [{ kind: UnpricedKind.UNRESOLVED, reason: "container cpu or memory only known at apply time" }] };
    }
    if (container.gpu !== undefined) {
      return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: "no price for GPU containers in the price table" }] };
    }
    cpu += c;
    memory += m;
  }
  const { region, note } = context.regionOf(resource);
  const vcpu = context.quote("aci/linux/vcpu", region);
  const gib = context.quote("aci/linux/memory", region);
  if (!vcpu || !gib) return { lines: [], unpriced: [{ kind: UnpricedKind.NO_PRICE, reason: "no ACI price" }] };
  const hours = context.options.containerGroupHoursPerMonth;
  const monthly = (cpu * vcpu.usd + memory * gib.usd) * hours;
  return {
    lines: [
      context.line(resource, {
        component: `container group: ${cpu} vCPU, ${memory} GiB`,
        region,
        quantity: `(${cpu} vCPU x ${usd(vcpu.usd)} + ${memory} GiB x ${usd(gib.usd)}) per hour x ${hours} h`,
        monthlyUsd: fixed(monthly),
        quotes: [vcpu, gib],
        notes: [...(note ? [note] : []), ...(hours !== 730 ? [`assumed running ${hours} h a month`] : [])],
      }),
    ],
  };
};
