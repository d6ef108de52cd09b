import { NetworkSecurityGroupSecurityRule } from "../providers/azurerm/network-security-group";

/** Which way a network security rule looks. */
export type NsgDirection = "Inbound" | "Outbound";
/** What a network security rule does with the traffic it matches. */
export type NsgAccess = "Allow" | "Deny";

/**
 * One inline rule of an `azurerm_network_security_group`: from `source` (an address prefix, a
 * service tag, or several prefixes) to `destination` on `ports` (or every port, `"*"`), any source
 * port, described by its name. The rules of one group are written in one place this way, so a
 * reader sees the group's whole policy.
 */
export function nsgRule(
  name: string,
  priority: number,
  direction: NsgDirection,
  access: NsgAccess,
  source: string | readonly string[],
  destination: string,
  ports: readonly (string | number)[] | "*",
  protocol = "Tcp",
): NetworkSecurityGroupSecurityRule {
  return {
    name,
    priority,
    direction,
    access,
    protocol,
    sourcePortRange: "*",
    destinationPortRange: ports === "*" ? "*" : undefined,
    destinationPortRanges: ports === "*" ? undefined : ports.map(String),
    sourceAddressPrefix: typeof source === "string" ? source : undefined,
    sourceAddressPrefixes: typeof source === "string" ? undefined : [...source],
    destinationAddressPrefix: destination,
    description: name.replace(/-/g, " "),
  };
}
