import { Testing } from "cdktf";
import {
  ContainerGroupSpec,
  ContainerInstanceFleet,
  ContainerInstanceFleetProps,
  ContainerRestartPolicy,
  ContainerServiceSpec,
} from "../../constructs/container-instance-fleet";
import { Placement } from "../../constructs/placement";
import { resourcesOf, synthJson, testStack } from "../helpers";

const SUBNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/services";
const API: ContainerServiceSpec = {
  name: "api",
  image: "omega/api:1.0.0",
  port: 9405,
  replicas: 2,
  requests: { cpuMillis: 2000, memoryMiB: 4096 },
  limits: { cpuMillis: 2000, memoryMiB: 4096 },
  livenessProbe: { path: "/health/live", initialDelaySeconds: 30 },
  readinessProbe: { path: "/health/ready", periodSeconds: 5 },
};
const BASE: ContainerInstanceFleetProps = {
  resourceGroupName: "omega-staging",
  location: "eastus",
  subnetId: SUBNET,
  groups: [{ name: "api", services: [API] }],
};

function build(props: Partial<ContainerInstanceFleetProps> = {}) {
  const { stack } = testStack();
  const fleet = new ContainerInstanceFleet(stack, "Fleet", { ...BASE, ...props });
  return { fleet, json: synthJson(stack) };
}

function withService(override: Partial<ContainerServiceSpec>, group: Partial<ContainerGroupSpec> = {}) {
  return () => build({ groups: [{ name: "api", services: [{ ...API, ...override }], ...group }] });
}

describe("ContainerInstanceFleet", () => {
  test("minimal config snapshot", () => {
    const { stack } = testStack();
    new ContainerInstanceFleet(stack, "Fleet", BASE);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe("defaults", () => {
    const { fleet, json } = build();
    const groups = resourcesOf(json, "azurerm_container_group") as Record<string, any>[];

    test("one container group per replica, named <spec>-<i>", () => {
      expect(groups.map((g) => g.name)).toEqual(["api-0", "api-1"]);
      expect(fleet.allGroups.map((g) => g.name)).toEqual(["api-0", "api-1"]);
    });

    test("private IPs in the delegated subnet, never a public IP or DNS label", () => {
      for (const g of groups) {
        expect(g).toMatchObject({ ip_address_type: "Private", subnet_ids: [SUBNET], os_type: "Linux", sku: "Standard" });
        expect(g.dns_name_label).toBeUndefined();
        expect(g.exposed_port).toEqual([{ port: 9405, protocol: "TCP" }]);
      }
    });

    test("restart policy Always", () => {
      expect(groups.every((g) => g.restart_policy === "Always")).toBe(true);
      expect(fleet.restartPolicy).toBe(ContainerRestartPolicy.ALWAYS);
    });

    test("the spec's size in ACI units: vCPU and GB", () => {
      expect(groups[0].container[0]).toMatchObject({ cpu: 2, memory: 4, cpu_limit: 2, memory_limit: 4, ports: [{ port: 9405, protocol: "TCP" }] });
    });

    test("the spec's HTTP probes become ACI liveness and readiness probes", () => {
      const c = groups[0].container[0];
      expect(c.liveness_probe).toEqual({
        http_get: [{ path: "/health/live", port: 9405, scheme: "http" }],
        initial_delay_seconds: 30,
        period_seconds: 10,
        timeout_seconds: 1,
        failure_threshold: 3,
        success_threshold: 1,
      });
      expect(c.readiness_probe).toMatchObject({ http_get: [{ path: "/health/ready", port: 9405, scheme: "http" }], period_seconds: 5 });
    });

    test("no identity and no init container without secrets", () => {
      expect(groups[0].identity).toBeUndefined();
      expect(groups[0].init_container).toBeUndefined();
    });
  });

  describe("secrets from Key Vault", () => {
    const { json } = build({
      identity: { id: "${azurerm_user_assigned_identity.Data.id}", clientId: "${azurerm_user_assigned_identity.Data.client_id}" },
      secretsVault: { vaultUri: "${azurerm_key_vault.Vault.vault_uri}" },
      groups: [{ name: "api", services: [{ ...API, env: { LOG_LEVEL: "info" }, secretEnv: { MONGODB_URI: { secretName: "omega-secrets", key: "mongodb-uri" } } }] }],
    });
    const group = resourcesOf(json, "azurerm_container_group")[0] as Record<string, any>;

    test("the group carries the user-assigned identity", () => {
      expect(group.identity).toEqual({ type: "UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.Data.id}"] });
    });

    test("no init container: ACI gives init containers no managed identity", () => {
      expect(group.init_container).toBeUndefined();
    });

    test("a secrets-sync sidecar reads the named secrets with the identity into the shared volume, and again every 120 s", () => {
      expect(group.container.map((c: any) => c.name)).toEqual(["api", "secrets-sync"]);
      const sync = group.container[1];
      expect(sync).toMatchObject({ image: "python:3.12.8-slim", cpu: 0.05, memory: 0.1, cpu_limit: 0.05, memory_limit: 0.1 });
      expect(sync.ports).toBeUndefined();
      expect(sync.environment_variables).toEqual({
        AZURE_CLIENT_ID: "${azurerm_user_assigned_identity.Data.client_id}",
        KEY_VAULT_URI: "${azurerm_key_vault.Vault.vault_uri}",
        SECRET_NAMES: "mongodb-uri",
      });
      const script: string = sync.commands[2];
      expect(sync.commands.slice(0, 2)).toEqual(["python3", "-c"]);
      expect(script).toContain("169.254.169.254/metadata/identity/oauth2/token");
      expect(script).toContain("os.replace('/mnt/secrets-store/.' + name, '/mnt/secrets-store/' + name)");
      expect(script).toContain("time.sleep(120)");
      expect(sync.volume).toEqual([{ name: "secrets", mount_path: "/mnt/secrets-store", empty_dir: true }]);
    });

    test("the sidecar's share comes out of the service's request: the group stays 2 vCPU and 4 GB, the service's limit is unchanged", () => {
      const c = group.container[0];
      expect([c.cpu, c.memory, c.cpu_limit, c.memory_limit]).toEqual([1.95, 3.9, 2, 4]);
      const total = group.container.reduce((sum: { cpu: number; memory: number }, x: any) => ({ cpu: sum.cpu + x.cpu, memory: sum.memory + x.memory }), { cpu: 0, memory: 0 });
      expect([Math.round(total.cpu * 100) / 100, Math.round(total.memory * 10) / 10]).toEqual([2, 4]);
    });

    test("the service reads the file the variable names; no secret value or secure variable anywhere", () => {
      const c = group.container[0];
      expect(c.environment_variables).toEqual({ LOG_LEVEL: "info", MONGODB_URI_FILE: "/mnt/secrets-store/mongodb-uri" });
      expect(c.volume).toEqual([{ name: "secrets", mount_path: "/mnt/secrets-store", empty_dir: true, read_only: true }]);
      expect(JSON.stringify(json)).not.toMatch(/secure_environment_variables|mongodb:\/\/|"secret":/);
    });

    test("refresh interval override", () => {
      const { json: other } = build({
        identity: { id: "i", clientId: "c" },
        secretsVault: { vaultUri: "https://v.vault.azure.net/" },
        secretsRefreshSeconds: 600,
        groups: [{ name: "api", services: [{ ...API, secretEnv: { MONGODB_URI: { secretName: "s", key: "mongodb-uri" } } }] }],
      });
      expect((resourcesOf(other, "azurerm_container_group")[0] as any).container[1].commands[2]).toContain("time.sleep(600)");
    });

    test("fails on a refresh interval under 30 s", () => {
      expect(() => build({ secretsRefreshSeconds: 5 })).toThrow("test/Fleet: invalid secretsRefreshSeconds 5: expected an integer from 30 to 86400");
    });

    test("fails on a service named like the sidecar", () => {
      expect(() =>
        build({
          identity: { id: "i", clientId: "c" },
          secretsVault: { vaultUri: "https://v.vault.azure.net/" },
          groups: [{ name: "api", services: [{ ...API, name: "secrets-sync", secretEnv: { MONGODB_URI: { secretName: "s", key: "mongodb-uri" } } }] }],
        }),
      ).toThrow('test/Fleet: invalid groups[0].services "secrets-sync": expected another name: the secrets sidecar of a group with secretEnv has this one');
    });
  });

  describe("logs", () => {
    test("container logs go to Log Analytics through the group's diagnostics block", () => {
      const { json } = build({ logAnalytics: { workspaceId: "${azurerm_log_analytics_workspace.W.workspace_id}", workspaceKey: "${azurerm_log_analytics_workspace.W.primary_shared_key}" } });
      expect((resourcesOf(json, "azurerm_container_group")[0] as any).diagnostics).toEqual({
        log_analytics: {
          workspace_id: "${azurerm_log_analytics_workspace.W.workspace_id}",
          workspace_key: "${azurerm_log_analytics_workspace.W.primary_shared_key}",
          log_type: "ContainerInstanceLogs",
        },
      });
    });

    test("none by default", () => {
      expect((resourcesOf(build().json, "azurerm_container_group")[0] as any).diagnostics).toBeUndefined();
    });
  });

  describe("overrides", () => {
    test("restart policy, group replicas and several services sharing a group", () => {
      const small = (name: string, port: number): ContainerServiceSpec => ({
        ...API,
        name,
        port,
        replicas: undefined,
        requests: { cpuMillis: 500, memoryMiB: 512 },
        limits: { cpuMillis: 1000, memoryMiB: 1024 },
        writablePaths: ["/tmp"],
      });
      const { json } = build({ restartPolicy: ContainerRestartPolicy.ON_FAILURE, groups: [{ name: "pair", replicas: 3, services: [small("a", 8081), small("b", 8082)] }] });
      const groups = resourcesOf(json, "azurerm_container_group") as Record<string, any>[];
      expect(groups.map((g) => g.name)).toEqual(["pair-0", "pair-1", "pair-2"]);
      expect(groups[0].restart_policy).toBe("OnFailure");
      expect(groups[0].exposed_port).toEqual([{ port: 8081, protocol: "TCP" }, { port: 8082, protocol: "TCP" }]);
      expect(groups[0].container.map((c: any) => [c.name, c.cpu, c.memory, c.cpu_limit, c.memory_limit])).toEqual([
        ["a", 0.5, 0.5, 1, 1],
        ["b", 0.5, 0.5, 1, 1],
      ]);
      expect(groups[0].container[0].volume).toEqual([{ name: "a-writable-0", mount_path: "/tmp", empty_dir: true }]);
    });

    test("memory rounds up to ACI's 0.1 GB steps", () => {
      const { json } = build({ groups: [{ name: "api", services: [{ ...API, requests: { cpuMillis: 1000, memoryMiB: 1100 }, limits: { cpuMillis: 1000, memoryMiB: 1100 } }] }] });
      expect((resourcesOf(json, "azurerm_container_group")[0] as any).container[0].memory).toBe(1.1);
    });
  });

  describe("what ACI cannot do", () => {
    const at = 'test/Fleet: invalid groups[0].services[0]';
    test("fails on autoscaling", () => {
      expect(withService({ autoscaling: { minReplicas: 1, maxReplicas: 3 } })).toThrow(`${at}.autoscaling "set": expected none: ACI does not autoscale container groups; set replicas (one group each)`);
    });
    test("fails on an external scaler", () => {
      expect(withService({ externallyScaled: true })).toThrow(`${at}.externallyScaled true: expected false: nothing scales container groups on ACI (no KEDA, no HPA)`);
    });
    test("fails on spot, node-pool or sandboxed placement", () => {
      const spot = Placement.spot({ toleration: { key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" } as any, nodeAffinity: { key: "k", operator: "In", values: ["v"] } as any });
      expect(withService({ placement: spot })).toThrow(
        `${at}.placement "spot nodes": expected none: ACI has no nodes, so no node pools, node affinity, spot nodes or sandboxed runtimes (each container group already runs in its own VM-isolated host; ACI Spot groups cannot have an IP address)`,
      );
      expect(withService({ placement: Placement.nodePool("alwayson") })).toThrow(`${at}.placement "node pool alwayson"`);
    });
    test("fails on topology spread", () => {
      expect(withService({ spread: true })).toThrow(`${at}.spread true: expected false or unset: ACI has no topology spread; each replica is its own container group on its own host already`);
    });
    test("fails on a disruption budget", () => {
      expect(withService({ podDisruptionBudget: true })).toThrow(`${at}.podDisruptionBudget true: expected false or unset: ACI has no disruption budgets; replicas are independent container groups`);
    });
    test("fails on a user id", () => {
      expect(withService({ runAsUser: 10001 })).toThrow(`${at}.runAsUser 10001: expected unset: a Standard ACI group cannot set the user; build the image with a non-root USER`);
    });
    test("fails without an HTTP probe (ACI has no TCP probe)", () => {
      expect(withService({ readinessProbe: undefined })).toThrow(
        `${at}.readinessProbe undefined: expected an HTTP probe: ACI probes are HTTP or exec only, so the Workload's default TCP check has no equivalent`,
      );
    });
    test("fails on Kubernetes-only settings", () => {
      expect(withService({ secretProviderClass: "omega-data" })).toThrow(`${at}.secretProviderClass "omega-data": expected unset: a Kubernetes-only setting; on ACI the group's managed identity reads Key Vault`);
    });
    test("fails on an unpinned image", () => {
      expect(withService({ image: "omega/api:latest" })).toThrow(`${at}.image "omega/api:latest": expected an image pinned to a version tag or a digest, never :latest or untagged`);
    });
    test("fails on secrets without an identity and a vault", () => {
      expect(withService({ secretEnv: { MONGODB_URI: { secretName: "s", key: "mongodb-uri" } } })).toThrow(
        `${at}.secretEnv "MONGODB_URI": expected the fleet's identity and secretsVault: secrets are read from Key Vault by the group's identity`,
      );
    });
  });

  describe("ACI's limits", () => {
    test("fails below ACI's 1 vCPU / 1 GB group minimum", () => {
      expect(withService({ requests: { cpuMillis: 500, memoryMiB: 512 }, limits: { cpuMillis: 500, memoryMiB: 512 } })).toThrow(
        'test/Fleet: invalid groups[0].services {"cpuCores":0.5,"memoryGb":0.5}: expected requests adding up to at least 1 vCPU and 1 GB: ACI allocates no less to a container group',
      );
    });
    test("fails above the region's 4 vCPU / 16 GB per group", () => {
      expect(withService({ requests: { cpuMillis: 5000, memoryMiB: 4096 }, limits: { cpuMillis: 5000, memoryMiB: 4096 } })).toThrow(
        'test/Fleet: invalid groups[0].services {"cpuCores":5,"memoryGb":4}: expected requests adding up to at most 4 vCPU and 16 GB per container group (the region\'s ACI maximum)',
      );
    });
    test("fails when a limit exceeds the group's allocation", () => {
      expect(withService({ requests: { cpuMillis: 1000, memoryMiB: 2048 }, limits: { cpuMillis: 2000, memoryMiB: 4096 } })).toThrow(
        'test/Fleet: invalid groups[0].services {"name":"api","cpuLimit":2,"memoryLimitGb":4}: expected limits within the group\'s allocation (1 vCPU, 2 GB, the sum of its requests): ACI cannot overcommit a group, so request what a container may use',
      );
    });
    test("fails on more than five ports on a group's IP", () => {
      const services = [1, 2, 3, 4, 5, 6].map((i) => ({ ...API, name: `s${i}`, port: 8080 + i, replicas: undefined, requests: { cpuMillis: 500, memoryMiB: 512 }, limits: { cpuMillis: 500, memoryMiB: 512 } }));
      expect(() => build({ groups: [{ name: "many", services }] })).toThrow(
        "test/Fleet: invalid groups[0].services [8081,8082,8083,8084,8085,8086]: expected at most 5 ports on the group's IP (ACI limit); split the services over more groups",
      );
    });
    test("fails on two containers of a group on one port", () => {
      const b = { ...API, name: "b", replicas: undefined };
      expect(() => build({ groups: [{ name: "g", services: [{ ...API, replicas: undefined }, b] }] })).toThrow(
        "test/Fleet: invalid groups[0].services 9405: expected ports unique in the group: its containers share one network namespace",
      );
    });
    test("fails when services of a group disagree on replicas", () => {
      const b = { ...API, name: "b", port: 9406, replicas: 3 };
      expect(() => build({ groups: [{ name: "g", services: [API, b] }] })).toThrow(
        "test/Fleet: invalid groups[0].services [2,3]: expected the services of one group to agree on replicas (they share every container group), or set the group's replicas",
      );
    });
  });
});
