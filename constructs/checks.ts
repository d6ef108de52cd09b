import { IConstruct } from "constructs";
import { Token } from "cdktf";
import { ValidationError } from "./validation-error";

/**
 * Guards shared by the constructs and the tier validation. Each throws a ValidationError and skips
 * values that are unresolved tokens: those are only known at apply time.
 */

export function isUnresolved(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** An integer in [min, max]. */
export function checkInteger(scope: IConstruct, property: string, value: number, min: number, max: number): void {
  if (isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(scope, property, value, `expected an integer from ${min} to ${max}`);
  }
}

/** A finite number strictly above zero. */
export function checkPositive(scope: IConstruct, property: string, value: number): void {
  if (isUnresolved(value)) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(scope, property, value, "expected a positive number");
  }
}

/** A spot price cap: a positive price in USD per hour, or -1 (pay up to on-demand, never evicted for price). */
export function checkSpotMaxPrice(scope: IConstruct, property: string, value: number): void {
  if (isUnresolved(value)) return;
  if (!(value === -1 || (typeof value === "number" && Number.isFinite(value) && value > 0))) {
    throw new ValidationError(scope, property, value, "expected a positive price in USD per hour, or -1 to pay up to the on-demand price");
  }
}

/** `lower <= upper`, reported on the lower bound. */
export function checkOrdered(
  scope: IConstruct,
  lowerProperty: string,
  lower: number,
  upperProperty: string,
  upper: number,
): void {
  if (isUnresolved(lower) || isUnresolved(upper)) return;
  if (lower > upper) {
    throw new ValidationError(scope, lowerProperty, lower, `expected at most ${upperProperty} (${upper})`);
  }
}

/** One of the listed values. */
export function checkOneOf<T>(scope: IConstruct, property: string, value: T, allowed: readonly T[]): void {
  if (isUnresolved(value)) return;
  if (!allowed.includes(value)) {
    throw new ValidationError(scope, property, value, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An Entra ID object, tenant or client id. */
export function checkUuid(scope: IConstruct, property: string, value: string): void {
  if (isUnresolved(value)) return;
  if (typeof value !== "string" || !UUID.test(value)) {
    throw new ValidationError(scope, property, value, "expected a UUID such as 00000000-0000-0000-0000-000000000000");
  }
}

const ZONES = ["1", "2", "3"];

/** Availability zones: a list of distinct "1", "2", "3". */
export function checkZones(scope: IConstruct, property: string, zones: readonly string[]): void {
  if (isUnresolved(zones)) return;
  const seen = new Set<string>();
  for (const zone of zones) {
    if (!ZONES.includes(zone) || seen.has(zone)) {
      throw new ValidationError(scope, property, zones, 'expected distinct availability zones from "1", "2", "3"');
    }
    seen.add(zone);
  }
}

/** AKS Linux node pool names: 1-12 lowercase alphanumerics starting with a letter. */
export function checkNodePoolName(scope: IConstruct, property: string, name: string): void {
  if (isUnresolved(name)) return;
  if (!/^[a-z][a-z0-9]{0,11}$/.test(name)) {
    throw new ValidationError(
      scope,
      property,
      name,
      "expected 1-12 lowercase letters and digits starting with a letter (AKS Linux node pool name)",
    );
  }
}

/** An IPv4 CIDR block `a.b.c.d/n`; returns its network address and prefix length. */
export function parseCidr(scope: IConstruct, property: string, cidr: string): { network: number; prefix: number } {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : -1;
  if (!match || octets.some((o) => o > 255) || prefix > 32) {
    throw new ValidationError(scope, property, cidr, "expected an IPv4 CIDR block such as 10.0.0.0/16");
  }
  const address = ipv4ToNumber(octets);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  if ((address & mask) >>> 0 !== address) {
    throw new ValidationError(scope, property, cidr, "expected the network address of the block (host bits zero)");
  }
  return { network: address, prefix };
}

/** Whether an IPv4 address lies in a parsed CIDR block. */
export function cidrContains(block: { network: number; prefix: number }, address: number): boolean {
  const mask = block.prefix === 0 ? 0 : (0xffffffff << (32 - block.prefix)) >>> 0;
  return ((address & mask) >>> 0) === block.network;
}

/** Whether two parsed CIDR blocks share any address. */
export function cidrsOverlap(a: { network: number; prefix: number }, b: { network: number; prefix: number }): boolean {
  const shorter = a.prefix <= b.prefix ? a : b;
  const longer = shorter === a ? b : a;
  return cidrContains(shorter, longer.network);
}

export function ipv4ToNumber(octets: readonly number[]): number {
  return (((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3]) >>> 0;
}

/** Parses a dotted IPv4 address, or returns undefined. */
export function parseIpv4(address: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  return octets.some((o) => o > 255) ? undefined : ipv4ToNumber(octets);
}

/** A container image pinned to a version tag or a sha256 digest: never untagged, never `:latest`. */
export function checkPinnedImage(scope: IConstruct, property: string, image: string): void {
  if (isUnresolved(image)) return;
  const digest = /@sha256:[a-f0-9]{64}$/.test(image);
  const tag = /^[^@\s]+:([\w][\w.-]{0,127})$/.exec(image)?.[1];
  if (!digest && (tag === undefined || tag === "latest")) {
    throw new ValidationError(scope, property, image, "expected an image pinned to a version tag or a digest, never :latest or untagged");
  }
}

/** A Kubernetes object name that is also a DNS-1123 label (Services, namespaces). */
export function checkDnsLabel(scope: IConstruct, property: string, name: string): void {
  if (isUnresolved(name)) return;
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(name)) {
    throw new ValidationError(scope, property, name, "expected a DNS-1123 label: 1-63 lowercase letters, digits or hyphens, alphanumeric at both ends");
  }
}

const SUBDOMAIN = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;

/** A Kubernetes Secret name: a lowercase DNS subdomain. */
export function checkSecretName(scope: IConstruct, property: string, name: string): void {
  if (!isUnresolved(name) && !SUBDOMAIN.test(name)) {
    throw new ValidationError(scope, property, name, "expected a Kubernetes Secret name (lowercase DNS subdomain)");
  }
}

/** A key of a Kubernetes Secret's data. */
export function checkSecretKey(scope: IConstruct, property: string, key: string): void {
  if (!isUnresolved(key) && !/^[-._a-zA-Z0-9]{1,253}$/.test(key)) {
    throw new ValidationError(scope, property, key, "expected a Secret key of letters, digits, '-', '_' or '.'");
  }
}

/** A Kubernetes object name (a lowercase DNS subdomain), e.g. of a SecretProviderClass. */
export function isDnsSubdomain(name: string): boolean {
  return SUBDOMAIN.test(name);
}

// `Standard_D4s_v5`, `Standard_NC24ads_A100_v4`, `Standard_M64-16ms`, `Basic_A1`: a tier, a family,
// vCPUs (optionally constrained: `64-16`), feature letters and `_` version or accelerator parts.
const VM_SIZE = /^(Standard|Basic)_[A-Z]+[0-9]+(-[0-9]+)?[a-z]*(_[A-Za-z0-9]+)*$/;

/** An Azure VM size as the compute API names it. */
export function checkVmSize(scope: IConstruct, property: string, vmSize: string): void {
  if (isUnresolved(vmSize)) return;
  if (typeof vmSize !== "string" || !VM_SIZE.test(vmSize)) {
    throw new ValidationError(scope, property, vmSize, "expected an Azure VM size such as Standard_D4s_v5 (Standard_<family><vCPUs><features>[_<version>])");
  }
}

/** An AKS Kubernetes version: `major.minor` (AKS picks the latest patch) or `major.minor.patch`. */
export function checkKubernetesVersion(scope: IConstruct, property: string, version: string): void {
  if (isUnresolved(version)) return;
  if (typeof version !== "string" || !/^[1-9][0-9]*\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?$/.test(version)) {
    throw new ValidationError(scope, property, version, 'expected a Kubernetes version such as "1.33" or "1.33.2", not an alias such as "latest"');
  }
}
