// Every finding's fix is one the API accepts (issue 27): each `<Type>.<prop>[.<prop>]` a rule's fix
// names resolves on the type the package exports, each `<Enum>.<MEMBER>` exists, and each
// construct or type it names is exported; and, where a construct prop breaks a rule, applying the
// fix makes the finding go away.
import { join } from "path";
import * as ts from "typescript";
import { TerraformStack, Testing } from "cdktf";
import { CosmosMongoAccount } from "../../constructs/cosmos-mongo-account";
import { ManagedDataLayer, ManagedDataLayerProps } from "../../constructs/managed-data-layer";
import { AlwaysOnCluster, AlwaysOnClusterProps } from "../../constructs/always-on-cluster";
import { SpotAutoscalePool } from "../../constructs/spot-autoscale-pool";
import { applyPolicyPacks } from "../../policies/apply-policy-packs";
import { PolicyProfile } from "../../policies/policy-profile";
import { policyReport } from "../../policies/policy-report";
import { RULES_BY_PACK } from "../../policies/rule-catalog";
import { testStack } from "../helpers";

const ROOT = join(__dirname, "..", "..");
/** Words in fix texts that are values of other systems, not names of this package. */
const NOT_OUR_NAMES = new Set(["RuntimeDefault", "NetworkPolicy"]);

const rules = Object.entries(RULES_BY_PACK).flatMap(([pack, list]) => list.map((rule) => ({ id: `${pack}-${rule.name}`, fix: rule.fix ?? "" })));

function packageExports(): { checker: ts.TypeChecker; exports: Map<string, ts.Symbol> } {
  const program = ts.createProgram([join(ROOT, "index.ts")], { strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(ROOT, "index.ts"));
  if (!source) throw new Error("index.ts not found");
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error("index.ts is not a module");
  const exports = new Map<string, ts.Symbol>();
  for (const s of checker.getExportsOfModule(moduleSymbol)) exports.set(s.name, s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  return { checker, exports };
}

/** What is wrong with `Type.prop.prop...` in the package's API, or undefined. */
function referenceProblem(checker: ts.TypeChecker, exports: Map<string, ts.Symbol>, reference: string): string | undefined {
  const [name, ...path] = reference.split(".");
  const symbol = exports.get(name);
  if (!symbol) return `${name} is not exported from the package`;
  if (symbol.flags & ts.SymbolFlags.Enum) {
    const member = symbol.exports?.get(path[0] as ts.__String);
    return member ? undefined : `${name} has no member ${path[0]}`;
  }
  if (symbol.flags & ts.SymbolFlags.Class) return undefined; // `Class.staticFactory` or prose after a class name
  let type = checker.getDeclaredTypeOfSymbol(symbol);
  for (const [i, prop] of path.entries()) {
    const found = checker.getPropertyOfType(checker.getNonNullableType(type), prop);
    if (!found) return `${[name, ...path.slice(0, i)].join(".")} has no property ${prop}`;
    const declaration = found.valueDeclaration ?? found.declarations?.[0];
    if (!declaration) return `${name}.${path.slice(0, i + 1).join(".")} has no declaration`;
    type = checker.getTypeOfSymbolAtLocation(found, declaration);
    // Array props: walk into the element type.
    if (checker.isArrayType(checker.getNonNullableType(type))) type = (checker.getTypeArguments(checker.getNonNullableType(type) as ts.TypeReference)[0] ?? type);
  }
  return undefined;
}

describe("every rule's fix names what the API accepts", () => {
  const { checker, exports } = packageExports();

  test("the check finds a prop a type does not accept, and a member an enum lacks", () => {
    expect(referenceProblem(checker, exports, "ManagedCosmosOptions.publicNetworkAccessEnabled")).toBe("ManagedCosmosOptions has no property publicNetworkAccessEnabled");
    expect(referenceProblem(checker, exports, "FrontDoorEdgeProps.waf.level")).toBe("FrontDoorEdgeProps.waf has no property level");
    expect(referenceProblem(checker, exports, "AksSkuTier.BASIC")).toBe("AksSkuTier has no member BASIC");
    expect(referenceProblem(checker, exports, "FrontDoorEdgeProps.waf.mode")).toBeUndefined();
  });

  test("every rule of the library's packs has a fix", () => {
    expect(rules.filter((r) => r.fix.trim() === "").map((r) => r.id)).toEqual([]);
  });

  test.each(rules)("$id: each Type.prop and Enum.MEMBER it names exists", ({ fix }) => {
    const references = [...fix.matchAll(/\b([A-Z][A-Za-z0-9]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)].map((m) => m[1].replace(/\.$/, ""));
    const problems = references.map((r) => referenceProblem(checker, exports, r)).filter((p) => p !== undefined);
    expect(problems).toEqual([]);
  });

  test.each(rules)("$id: each construct or type it names is exported", ({ fix }) => {
    // PascalCase words of two humps or more (AlwaysOnCluster, PrivateLinkEndpoint), not prose.
    const names = [...fix.matchAll(/\b([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)\b/g)].map((m) => m[1]).filter((n) => !NOT_OUR_NAMES.has(n));
    expect(names.filter((n) => !exports.has(n))).toEqual([]);
  });
});

describe("applying a fix makes the finding go away", () => {
  function findings(stack: TerraformStack, ruleId: string): string[] {
    Testing.synth(stack);
    const app = stack.node.scope as TerraformStack;
    return policyReport(app).stacks.flatMap((s) => s.findings).filter((f) => f.ruleId === ruleId && f.status === "non-compliant").map((f) => f.resource);
  }
  const placement = { resourceGroupName: "rg", location: "eastus" };

  test("AzureBaseline-CosmosPublicNetworkDisabled: a data layer that admits only its subnets (serviceEndpointSubnetIds), as staging's does", () => {
    const broken = testStack("broken").stack;
    applyPolicyPacks(broken, PolicyProfile.staging());
    new CosmosMongoAccount(broken, "Cosmos", { ...placement, regions: ["eastus"], publicNetworkAccessEnabled: true });
    expect(findings(broken, "AzureBaseline-CosmosPublicNetworkDisabled")).toEqual(["broken/Cosmos/Resource"]);

    const fixed = testStack("fixed").stack;
    applyPolicyPacks(fixed, PolicyProfile.staging());
    const props: ManagedDataLayerProps = { ...placement, cosmos: { regions: ["eastus"] }, serviceEndpointSubnetIds: ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/services"] };
    new ManagedDataLayer(fixed, "Data", props);
    expect(findings(fixed, "AzureBaseline-CosmosPublicNetworkDisabled")).toEqual([]);
  });

  test("AzureBaseline-AksSystemPoolIsolated: AlwaysOnClusterProps.systemPool", () => {
    const build = (id: string, extra: Partial<AlwaysOnClusterProps>) => {
      const { stack } = testStack(id);
      applyPolicyPacks(stack, PolicyProfile.production());
      new AlwaysOnCluster(stack, "Cluster", { ...placement, logAnalyticsWorkspaceId: "law", ...extra });
      return stack;
    };
    expect(findings(build("broken", {}), "AzureBaseline-AksSystemPoolIsolated")).toEqual(["broken/Cluster/Resource"]);
    expect(findings(build("fixed", { systemPool: {} }), "AzureBaseline-AksSystemPoolIsolated")).toEqual([]);
  });

  test("AzureBaseline-AksApiServerAccessRestricted: AlwaysOnClusterProps.authorizedIpRanges", () => {
    const build = (id: string, extra: Partial<AlwaysOnClusterProps>) => {
      const { stack } = testStack(id);
      applyPolicyPacks(stack, PolicyProfile.production());
      new AlwaysOnCluster(stack, "Cluster", { ...placement, logAnalyticsWorkspaceId: "law", ...extra });
      return stack;
    };
    expect(findings(build("broken", {}), "AzureBaseline-AksApiServerAccessRestricted")).toEqual(["broken/Cluster/Resource"]);
    expect(findings(build("fixed", { authorizedIpRanges: ["203.0.113.0/24"] }), "AzureBaseline-AksApiServerAccessRestricted")).toEqual([]);
  });

  test("CostPack-SpotMaxPrice: SpotAutoscalePoolProps.spotMaxPricePerHourUsd", () => {
    const build = (id: string, price: number | undefined) => {
      const { stack } = testStack(id);
      applyPolicyPacks(stack, PolicyProfile.production());
      const cluster = new AlwaysOnCluster(stack, "Cluster", { ...placement, logAnalyticsWorkspaceId: "law" });
      new SpotAutoscalePool(stack, "Spot", { cluster, spotMaxPricePerHourUsd: price });
      return stack;
    };
    expect(findings(build("broken", undefined), "CostPack-SpotMaxPrice")).toEqual(["broken/Spot/Resource"]);
    expect(findings(build("fixed", 0.2), "CostPack-SpotMaxPrice")).toEqual([]);
  });
});
