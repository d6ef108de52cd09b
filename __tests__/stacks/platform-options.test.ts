// buildPlatform's options are checked where the user sets them (issue 27): a value an inner
// construct would reject under a derived name fails naming buildPlatform.<option> and the value given.
import { Testing } from "cdktf";
import { buildPlatform, PlatformAppOptions } from "../../stacks/platform-app";

const build = (options: Partial<PlatformAppOptions>) => () => buildPlatform(Testing.app(), { platformName: "omega", ...options });

describe("buildPlatform options", () => {
  test("fails on an origin domain given as a URL", () => {
    expect(build({ edgeOriginDomain: "https://origin.example.com" })).toThrow(
      'app: invalid buildPlatform.edgeOriginDomain "https://origin.example.com": expected a lowercase domain name such as origin.example.org ("origin.example.com", not "https://origin.example.com"): each region\'s origin host is <region>.<domain>',
    );
  });

  test("fails on an origin domain too long for a region's origin host", () => {
    const domain = `${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.org`;
    expect(build({ edgeOriginDomain: domain })).toThrow(
      `app: invalid buildPlatform.edgeOriginDomain "${domain}": expected a domain short enough for the origin host "eastus.${domain}" of tier small-prod (at most 253 characters)`,
    );
  });

  test("fails on custom domains given as URLs, in capitals, twice, or clashing as resource names", () => {
    expect(build({ edgeCustomDomains: ["api.example.org", "https://www.example.org/"] })).toThrow(
      'app: invalid buildPlatform.edgeCustomDomains[1] "https://www.example.org/": expected a lowercase fully qualified host name such as api.example.org ("www.example.org", not "https://www.example.org/")',
    );
    expect(build({ edgeCustomDomains: ["API.example.org"] })).toThrow(
      'app: invalid buildPlatform.edgeCustomDomains[0] "API.example.org": expected a lowercase fully qualified host name such as api.example.org ("api.example.org", not "API.example.org")',
    );
    expect(build({ edgeCustomDomains: ["api.example.org", "api.example.org"] })).toThrow('app: invalid buildPlatform.edgeCustomDomains[1] "api.example.org": expected each host name once');
    expect(build({ edgeCustomDomains: ["a-b.example.org", "a.b.example.org"] })).toThrow(
      'app: invalid buildPlatform.edgeCustomDomains[1] "a.b.example.org": expected a host name whose Front Door resource name differs from that of "a-b.example.org" (both are "a-b-example-org")',
    );
  });

  test("fails on a token audience that is neither a client id nor an api:// URI", () => {
    expect(build({ edgeTokenAudience: "my-api" })).toThrow(
      'app: invalid buildPlatform.edgeTokenAudience "my-api": expected the API app registration\'s client id (a UUID) or its api:// application id URI',
    );
  });

  test("fails on admin groups, API server ranges and a subscription that are not what Azure takes", () => {
    expect(build({ adminGroupObjectIds: ["platform-admins"] })).toThrow(
      'app: invalid buildPlatform.adminGroupObjectIds[0] "platform-admins": expected an Entra ID group\'s object id, a UUID such as 00000000-0000-0000-0000-000000000000',
    );
    expect(build({ apiServerAuthorizedIpRanges: ["203.0.113.0/24", "1.2.3.4/40"] })).toThrow(
      'app: invalid buildPlatform.apiServerAuthorizedIpRanges[1] "1.2.3.4/40": expected an IPv4 CIDR block such as 10.0.0.0/16',
    );
    expect(build({ subscriptionId: "my-subscription" })).toThrow(
      'app: invalid buildPlatform.subscriptionId "my-subscription": expected a UUID such as 00000000-0000-0000-0000-000000000000',
    );
  });

  test("fails on a platform name, kubelogin mode or dev kube context the stacks cannot use", () => {
    expect(build({ platformName: "Omega_X" })).toThrow(
      'app: invalid buildPlatform.platformName "Omega_X": expected 2-20 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit',
    );
    expect(build({ kubeloginMode: "device" as never })).toThrow(
      'app: invalid buildPlatform.kubeloginMode "device": expected one of "azurecli", "workloadidentity", "spn", "msi" (KubeloginMode)',
    );
    expect(build({ devKubeContext: " " })).toThrow('app: invalid buildPlatform.devKubeContext " ": expected the name of a kubeconfig context, or no value for the default');
  });

  test("accepts the host names a user would write", () => {
    expect(build({ edgeOriginDomain: "origin.example.org", edgeCustomDomains: ["api.example.org"], edgeTokenAudience: "api://example-api" })).not.toThrow();
  });
});
