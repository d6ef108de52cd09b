import { Construct } from "constructs";
import { ContainerGroup, ContainerGroupContainer } from "../providers/azurerm/container-group";
import { checkDnsLabel, checkInteger, checkPinnedImage, checkPositive, isUnresolved } from "./checks";
import { ValidationError } from "./validation-error";
import { HttpProbe, ResourceQuantities, WorkloadProps } from "./workload";

/**
 * A service as the Kubernetes `Workload` takes it; the namespace is optional because container
 * groups have none. Fields ACI cannot honour are rejected or mapped by `ContainerInstanceFleet`.
 */
export type ContainerServiceSpec = Omit<WorkloadProps, "namespace"> & { readonly namespace?: string };

/** One or more services that share a container group (a host, an IP, a lifecycle). */
export interface ContainerGroupSpec {
  /** Base name of the group; replica `i` is `<name>-<i>`. A DNS-1123 label. */
  readonly name: string;
  /** The containers, each from a service spec; every container's port is exposed on the group's IP. */
  readonly services: readonly ContainerServiceSpec[];
  /**
   * Container groups for this spec, one per replica (ACI has no replica count of its own).
   * @default - the `replicas` of the services, which must agree; 1 when none sets it
   */
  readonly replicas?: number;
}

/** What the fleet's groups authenticate as: a user-assigned identity with read access to the vault. */
export interface ContainerGroupIdentity {
  /** Resource id of the user-assigned identity. */
  readonly id: string;
  /** Its client id, which a container asks the identity endpoint for. */
  readonly clientId: string;
}

/** The Key Vault the services' `secretEnv` entries are read from (by the group's identity, in a sidecar). */
export interface ContainerSecretsVault {
  /** `https://<name>.vault.azure.net/` */
  readonly vaultUri: string;
}

/** Where a group's container logs go (`diagnostics.log_analytics`). */
export interface ContainerGroupLogAnalytics {
  /** The workspace's workspace (customer) id, a UUID: `azurerm_log_analytics_workspace.workspace_id`. */
  readonly workspaceId: string;
  /** Its primary shared key (a sensitive Terraform reference: in state, as the workspace's own is). */
  readonly workspaceKey: string;
}

/** ACI's published limits for a Linux container group (Standard SKU, also in a virtual network). */
export interface ContainerGroupLimits {
  /**
   * @default 4
   */
  readonly maxCpuCores?: number;
  /**
   * @default 16
   */
  readonly maxMemoryGb?: number;
}

export interface ContainerInstanceFleetProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** A subnet delegated to `Microsoft.ContainerInstance/containerGroups`; groups get private IPs only. */
  readonly subnetId: string;
  readonly groups: readonly ContainerGroupSpec[];
  /**
   * Identity of every group; required when a service has `secretEnv`.
   * @default - none (no identity on the groups)
   */
  readonly identity?: ContainerGroupIdentity;
  /**
   * Vault of the `secretEnv` secrets; required when a service has `secretEnv`.
   * @default - none
   */
  readonly secretsVault?: ContainerSecretsVault;
  /**
   * Image of the `secrets-sync` sidecar that reads the secrets with the group's identity (needs `python3`).
   * @default "python:3.12.8-slim"
   */
  readonly secretsFetcherImage?: string;
  /**
   * How often the sidecar reads the secrets again (a rotated key reaches the files within this time).
   * @default 120 - the AKS Secrets Store CSI driver's rotation interval
   */
  readonly secretsRefreshSeconds?: number;
  /**
   * Container logs and events to a Log Analytics workspace through the group's `diagnostics`
   * block (generally available; Azure Monitor diagnostic settings on container groups are a
   * preview that must be registered per subscription and restart every group when applied).
   * @default - no log shipping
   */
  readonly logAnalytics?: ContainerGroupLogAnalytics;
  /**
   * What ACI does when a container exits.
   * @default ContainerRestartPolicy.ALWAYS
   */
  readonly restartPolicy?: ContainerRestartPolicy;
  /**
   * Per-group maxima of the region (ACI's defaults; a quota increase may raise them).
   * @default {} - 4 vCPU and 16 GB
   */
  readonly limits?: ContainerGroupLimits;
  /**
   * Custom DNS servers for the groups (ACI does not inherit the virtual network's DNS settings).
   * @default - Azure-provided DNS
   */
  readonly dnsServers?: readonly string[];
}

/** ACI restart policies. */
export enum ContainerRestartPolicy {
  ALWAYS = "Always",
  ON_FAILURE = "OnFailure",
  NEVER = "Never",
}

/** Where the sidecar writes each secret; the same path the AKS Key Vault CSI volume uses. */
export const CONTAINER_SECRETS_PATH = "/mnt/secrets-store";

/** ACI allocates at least this much to a group (Microsoft Learn, "Container groups in ACI"). */
export const ACI_MIN_GROUP_CPU_CORES = 1;
export const ACI_MIN_GROUP_MEMORY_GB = 1;
/** Hard limits of a group ("Resource availability & quota limits for ACI"). */
export const ACI_MAX_CONTAINERS_PER_GROUP = 60;
export const ACI_MAX_PORTS_PER_IP = 5;

const SECRETS_VOLUME = "secrets";
/** The sidecar's name in each group with secrets. */
export const SECRETS_SYNC_CONTAINER = "secrets-sync";
/**
 * What the sidecar is allocated, carved out of the first secret-reading service's request so the
 * group's size (and price) stays what the spec asked for; that service's limit is unchanged.
 */
export const SECRETS_SYNC_RESOURCES = { cpuCores: 0.05, memoryGb: 0.1 } as const;
const KEY_VAULT_SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/;

/** Memory in ACI's unit: GB, in steps of 0.1, rounded up so nothing gets less than its spec. */
function gb(mib: number): number {
  return Math.ceil((mib / 1024) * 10 - 1e-9) / 10;
}

function cores(millis: number): number {
  return Math.round(millis) / 1000;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * The sidecar's program. Microsoft's ACI documentation ("Run an init container", 2024-08) says init
 * containers cannot use managed identities, so a regular container of the group does it: it asks
 * the group's identity endpoint for a Key Vault token, writes each secret to a file in the group's
 * emptyDir volume (to a temporary name, then renamed, so a reader never sees half a value), and
 * does it again every `refresh` seconds. Values never pass through Terraform.
 */
function syncScript(refreshSeconds: number): string {
  return [
    "import json, os, sys, time, urllib.parse, urllib.request",
    "q = urllib.parse.urlencode({'api-version': '2018-02-01', 'resource': 'https://vault.azure.net', 'client_id': os.environ['AZURE_CLIENT_ID']})",
    "while True:",
    "    try:",
    "        r = urllib.request.Request('http://169.254.169.254/metadata/identity/oauth2/token?' + q, headers={'Metadata': 'true'})",
    "        token = json.load(urllib.request.urlopen(r, timeout=30))['access_token']",
    "        for name in os.environ['SECRET_NAMES'].split(','):",
    "            s = urllib.request.Request(os.environ['KEY_VAULT_URI'].rstrip('/') + '/secrets/' + name + '?api-version=7.4', headers={'Authorization': 'Bearer ' + token})",
    "            value = json.load(urllib.request.urlopen(s, timeout=30))['value']",
    `            with open('${CONTAINER_SECRETS_PATH}/.' + name, 'w') as f: f.write(value)`,
    `            os.replace('${CONTAINER_SECRETS_PATH}/.' + name, '${CONTAINER_SECRETS_PATH}/' + name)`,
    `        time.sleep(${refreshSeconds})`,
    "    except Exception as e:",
    "        print('secrets-sync: ' + type(e).__name__ + ': ' + str(e), file=sys.stderr, flush=True)",
    "        time.sleep(10)",
  ].join("\n");
}

/** One rendered container group. */
export interface ContainerGroupReplica {
  readonly spec: string;
  readonly replica: number;
  /** The group's name, `<spec>-<replica>`. */
  readonly name: string;
  readonly group: ContainerGroup;
}

/**
 * Services on Azure Container Instances, from the same typed spec the Kubernetes `Workload` takes:
 * one container group per replica, private IPs in a delegated subnet (never a public IP), the
 * spec's HTTP probes as ACI liveness and readiness probes, a restart policy, and secrets read
 * from Key Vault by the group's managed identity: ACI gives init containers no managed identity,
 * so a `secrets-sync` sidecar writes them to an emptyDir volume at `/mnt/secrets-store/<name>`
 * (the path the AKS CSI driver uses) and refreshes them every `secretsRefreshSeconds`, and the
 * service gets `<ENV>_FILE` pointing there. No secret value is in the configuration, in Terraform
 * state or in `secure_environment_variables`. Containers of a group start together: a service
 * must wait for (or retry reading) its `<ENV>_FILE`, which appears within seconds of the start;
 * a service that exits instead is restarted by ACI (restart policy `Always`) until it is there.
 *
 * What ACI cannot do is rejected with the reason: autoscaling or an external scaler, placement
 * on node pools, spot or sandboxed runtimes (a group is its own VM-isolated host), disruption
 * budgets, a non-root user or a read-only root filesystem, TCP probes, and anything beyond ACI's
 * limits (at least 1 vCPU and 1 GB, at most 4 vCPU and 16 GB per group by default, 5 ports per IP).
 */
export class ContainerInstanceFleet extends Construct {
  /** The groups by spec name, in replica order. */
  public readonly groups: ReadonlyMap<string, readonly ContainerGroupReplica[]>;
  public readonly restartPolicy: ContainerRestartPolicy;

  constructor(scope: Construct, id: string, props: ContainerInstanceFleetProps) {
    super(scope, id);
    const restartPolicy = props.restartPolicy ?? ContainerRestartPolicy.ALWAYS;
    const maxCpu = props.limits?.maxCpuCores ?? 4;
    const maxMemory = props.limits?.maxMemoryGb ?? 16;
    const fetcherImage = props.secretsFetcherImage ?? "python:3.12.8-slim";
    const refresh = props.secretsRefreshSeconds ?? 120;

    if (!Object.values(ContainerRestartPolicy).includes(restartPolicy)) {
      throw new ValidationError(this, "restartPolicy", restartPolicy, `expected one of ${Object.values(ContainerRestartPolicy).map((p) => JSON.stringify(p)).join(", ")}`);
    }
    checkPositive(this, "limits.maxCpuCores", maxCpu);
    checkPositive(this, "limits.maxMemoryGb", maxMemory);
    checkPinnedImage(this, "secretsFetcherImage", fetcherImage);
    checkInteger(this, "secretsRefreshSeconds", refresh, 30, 86400);
    if (props.groups.length === 0) {
      throw new ValidationError(this, "groups", [], "expected at least one container group");
    }

    const seen = new Set<string>();
    const groups = new Map<string, ContainerGroupReplica[]>();
    props.groups.forEach((spec, g) => {
      const at = `groups[${g}]`;
      checkDnsLabel(this, `${at}.name`, spec.name);
      if (seen.has(spec.name)) throw new ValidationError(this, `${at}.name`, spec.name, "expected group names unique in the fleet");
      seen.add(spec.name);
      if (spec.services.length === 0) throw new ValidationError(this, `${at}.services`, [], "expected at least one service in the group");
      if (spec.services.length > ACI_MAX_CONTAINERS_PER_GROUP) {
        throw new ValidationError(this, `${at}.services`, spec.services.length, `expected at most ${ACI_MAX_CONTAINERS_PER_GROUP} containers in a group (ACI limit)`);
      }
      const replicas = this.replicasOf(at, spec);
      const containers = spec.services.map((service, s) => this.container(`${at}.services[${s}]`, service, props));
      this.checkGroup(at, spec, containers, maxCpu, maxMemory);

      const secretNames = [...new Set(spec.services.flatMap((service) => Object.values(service.secretEnv ?? {}).map((ref) => ref.key)))].sort();
      const rendered = secretNames.length > 0 ? this.withSecretsSync(at, spec, containers, secretNames, props, fetcherImage, refresh) : containers.map((c) => c.render);
      const replicasOut: ContainerGroupReplica[] = [];
      for (let i = 0; i < replicas; i++) {
        const name = `${spec.name}-${i}`;
        const group = new ContainerGroup(this, name, {
          name,
          resourceGroupName: props.resourceGroupName,
          location: props.location,
          osType: "Linux",
          sku: "Standard",
          ipAddressType: "Private",
          subnetIds: [props.subnetId],
          restartPolicy,
          identity: props.identity ? { type: "UserAssigned", identityIds: [props.identity.id] } : undefined,
          dnsConfig: props.dnsServers ? { nameservers: [...props.dnsServers] } : undefined,
          exposedPort: containers.map((c) => ({ port: c.port, protocol: "TCP" })),
          diagnostics: props.logAnalytics
            ? { logAnalytics: { workspaceId: props.logAnalytics.workspaceId, workspaceKey: props.logAnalytics.workspaceKey, logType: "ContainerInstanceLogs" } }
            : undefined,
          container: rendered,
        });
        replicasOut.push({ spec: spec.name, replica: i, name, group });
      }
      groups.set(spec.name, replicasOut);
    });
    this.groups = groups;
    this.restartPolicy = restartPolicy;
  }

  /**
   * The group's containers with the `secrets-sync` sidecar added. Its allocation comes out of the
   * request of the group's first service that reads secrets (whose limit stays as it was, within
   * the group's unchanged total), so the group is as large and as priced as its spec says.
   */
  private withSecretsSync(
    at: string,
    spec: ContainerGroupSpec,
    containers: readonly RenderedContainer[],
    secretNames: readonly string[],
    props: ContainerInstanceFleetProps,
    image: string,
    refreshSeconds: number,
  ): ContainerGroupContainer[] {
    if (spec.services.some((service) => service.name === SECRETS_SYNC_CONTAINER)) {
      throw new ValidationError(this, `${at}.services`, SECRETS_SYNC_CONTAINER, "expected another name: the secrets sidecar of a group with secretEnv has this one");
    }
    const donor = containers.findIndex((c) => c.readsSecrets);
    const d = containers[donor];
    const cpu = round(d.cpu - SECRETS_SYNC_RESOURCES.cpuCores);
    const memory = round(d.memory - SECRETS_SYNC_RESOURCES.memoryGb);
    if (cpu < 0.01 || memory < 0.1) {
      throw new ValidationError(
        this,
        `${at}.services[${donor}].requests`,
        { cpuCores: d.cpu, memoryGb: d.memory },
        `expected more than ${SECRETS_SYNC_RESOURCES.cpuCores} vCPU and ${SECRETS_SYNC_RESOURCES.memoryGb} GB: the secrets sidecar's share comes out of this request`,
      );
    }
    const sidecar: ContainerGroupContainer = {
      name: SECRETS_SYNC_CONTAINER,
      image,
      cpu: SECRETS_SYNC_RESOURCES.cpuCores,
      memory: SECRETS_SYNC_RESOURCES.memoryGb,
      cpuLimit: SECRETS_SYNC_RESOURCES.cpuCores,
      memoryLimit: SECRETS_SYNC_RESOURCES.memoryGb,
      commands: ["python3", "-c", syncScript(refreshSeconds)],
      environmentVariables: {
        AZURE_CLIENT_ID: props.identity!.clientId,
        KEY_VAULT_URI: props.secretsVault!.vaultUri,
        SECRET_NAMES: secretNames.join(","),
      },
      volume: [{ name: SECRETS_VOLUME, mountPath: CONTAINER_SECRETS_PATH, emptyDir: true }],
    };
    return [...containers.map((c, i) => (i === donor ? { ...c.render, cpu, memory } : c.render)), sidecar];
  }

  /** Every group of the fleet, in spec and replica order. */
  public get allGroups(): readonly ContainerGroupReplica[] {
    return [...this.groups.values()].flat();
  }

  private replicasOf(at: string, spec: ContainerGroupSpec): number {
    const declared = [...new Set(spec.services.map((s) => s.replicas).filter((r): r is number => r !== undefined))];
    if (spec.replicas === undefined && declared.length > 1) {
      throw new ValidationError(this, `${at}.services`, declared, "expected the services of one group to agree on replicas (they share every container group), or set the group's replicas");
    }
    const replicas = spec.replicas ?? declared[0] ?? 1;
    checkInteger(this, `${at}.replicas`, replicas, 1, 100);
    return replicas;
  }

  private container(at: string, service: ContainerServiceSpec, props: ContainerInstanceFleetProps): RenderedContainer {
    checkDnsLabel(this, `${at}.name`, service.name);
    checkPinnedImage(this, `${at}.image`, service.image);
    checkInteger(this, `${at}.port`, service.port, 1, 65535);

    // What ACI cannot do, said instead of dropped.
    if (service.autoscaling) {
      throw new ValidationError(this, `${at}.autoscaling`, "set", "expected none: ACI does not autoscale container groups; set replicas (one group each)");
    }
    if (service.externallyScaled) {
      throw new ValidationError(this, `${at}.externallyScaled`, true, "expected false: nothing scales container groups on ACI (no KEDA, no HPA)");
    }
    if (service.placement && service.placement.description !== "any node") {
      throw new ValidationError(
        this,
        `${at}.placement`,
        service.placement.description,
        "expected none: ACI has no nodes, so no node pools, node affinity, spot nodes or sandboxed runtimes (each container group already runs in its own VM-isolated host; ACI Spot groups cannot have an IP address)",
      );
    }
    if (service.spread !== undefined && service.spread) {
      throw new ValidationError(this, `${at}.spread`, true, "expected false or unset: ACI has no topology spread; each replica is its own container group on its own host already");
    }
    if (service.podDisruptionBudget) {
      throw new ValidationError(this, `${at}.podDisruptionBudget`, true, "expected false or unset: ACI has no disruption budgets; replicas are independent container groups");
    }
    if (service.runAsUser !== undefined) {
      throw new ValidationError(this, `${at}.runAsUser`, service.runAsUser, "expected unset: a Standard ACI group cannot set the user; build the image with a non-root USER");
    }
    for (const key of ["createServiceAccount", "serviceAccountAnnotations", "automountServiceAccountToken", "secretProviderClass", "podLabels"] as const) {
      if (service[key] !== undefined && service[key] !== false) {
        throw new ValidationError(this, `${at}.${key}`, service[key], "expected unset: a Kubernetes-only setting; on ACI the group's managed identity reads Key Vault");
      }
    }
    if (service.livenessProbe === undefined || service.readinessProbe === undefined) {
      throw new ValidationError(
        this,
        `${at}.${service.livenessProbe === undefined ? "livenessProbe" : "readinessProbe"}`,
        undefined,
        "expected an HTTP probe: ACI probes are HTTP or exec only, so the Workload's default TCP check has no equivalent",
      );
    }

    const requests: ResourceQuantities = service.requests ?? { cpuMillis: 100, memoryMiB: 128 };
    const limits: ResourceQuantities = service.limits ?? { cpuMillis: requests.cpuMillis * 4, memoryMiB: requests.memoryMiB * 2 };
    checkPositive(this, `${at}.requests.cpuMillis`, requests.cpuMillis);
    checkPositive(this, `${at}.requests.memoryMiB`, requests.memoryMiB);
    if (limits.cpuMillis < requests.cpuMillis) {
      throw new ValidationError(this, `${at}.limits.cpuMillis`, limits.cpuMillis, `expected at least requests.cpuMillis (${requests.cpuMillis})`);
    }
    if (limits.memoryMiB < requests.memoryMiB) {
      throw new ValidationError(this, `${at}.limits.memoryMiB`, limits.memoryMiB, `expected at least requests.memoryMiB (${requests.memoryMiB})`);
    }

    const env = service.env ?? {};
    const secretEnv = service.secretEnv ?? {};
    for (const name of [...Object.keys(env), ...Object.keys(secretEnv)]) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        throw new ValidationError(this, `${at}.env`, name, "expected environment variable names of letters, digits and underscores, not starting with a digit");
      }
    }
    const fileEnv: Record<string, string> = {};
    for (const [name, ref] of Object.entries(secretEnv)) {
      if (!props.identity || !props.secretsVault) {
        throw new ValidationError(this, `${at}.secretEnv`, name, "expected the fleet's identity and secretsVault: secrets are read from Key Vault by the group's identity");
      }
      if (!isUnresolved(ref.key) && !KEY_VAULT_SECRET_NAME.test(ref.key)) {
        throw new ValidationError(this, `${at}.secretEnv.${name}.key`, ref.key, "expected a Key Vault secret name: 1-127 letters, digits and hyphens");
      }
      const fileName = `${name}_FILE`;
      if (fileName in env) {
        throw new ValidationError(this, `${at}.env`, fileName, `expected a name not used for the secret file of ${name}`);
      }
      fileEnv[fileName] = `${CONTAINER_SECRETS_PATH}/${ref.key}`;
    }
    const environment = Object.fromEntries(
      Object.entries({ ...env, ...fileEnv }).sort(([a], [b]) => a.localeCompare(b)),
    );

    const probe = (name: string, p: HttpProbe) => {
      if (!p.path.startsWith("/")) throw new ValidationError(this, `${at}.${name}.path`, p.path, 'expected a path starting with "/"');
      checkInteger(this, `${at}.${name}.periodSeconds`, p.periodSeconds ?? 10, 1, 3600);
      return {
        httpGet: [{ path: p.path, port: p.port ?? service.port, scheme: "http" }],
        initialDelaySeconds: p.initialDelaySeconds ?? 0,
        periodSeconds: p.periodSeconds ?? 10,
        timeoutSeconds: p.timeoutSeconds ?? 1,
        failureThreshold: p.failureThreshold ?? 3,
        successThreshold: 1,
      };
    };

    const writable = service.writablePaths ?? [];
    writable.forEach((path) => {
      if (!path.startsWith("/") || path === "/" || path.startsWith(CONTAINER_SECRETS_PATH)) {
        throw new ValidationError(this, `${at}.writablePaths`, path, `expected absolute paths other than / and ${CONTAINER_SECRETS_PATH}`);
      }
    });
    const volume = [
      ...writable.map((path, i) => ({ name: `${service.name}-writable-${i}`, mountPath: path, emptyDir: true })),
      ...(Object.keys(secretEnv).length > 0 ? [{ name: SECRETS_VOLUME, mountPath: CONTAINER_SECRETS_PATH, emptyDir: true, readOnly: true }] : []),
    ];

    const render: ContainerGroupContainer = {
      name: service.name,
      image: service.image,
      cpu: cores(requests.cpuMillis),
      memory: gb(requests.memoryMiB),
      cpuLimit: cores(limits.cpuMillis),
      memoryLimit: gb(limits.memoryMiB),
      ports: [{ port: service.port, protocol: "TCP" }],
      environmentVariables: Object.keys(environment).length > 0 ? environment : undefined,
      livenessProbe: probe("livenessProbe", service.livenessProbe),
      readinessProbe: probe("readinessProbe", service.readinessProbe),
      volume: volume.length > 0 ? volume : undefined,
    };
    return { name: service.name, port: service.port, readsSecrets: Object.keys(secretEnv).length > 0, cpu: render.cpu as number, memory: render.memory as number, cpuLimit: render.cpuLimit as number, memoryLimit: render.memoryLimit as number, render };
  }

  private checkGroup(at: string, spec: ContainerGroupSpec, containers: readonly RenderedContainer[], maxCpu: number, maxMemory: number): void {
    const names = new Set<string>();
    const ports = new Set<number>();
    for (const c of containers) {
      if (names.has(c.name)) throw new ValidationError(this, `${at}.services`, c.name, "expected container names unique in the group");
      if (ports.has(c.port)) throw new ValidationError(this, `${at}.services`, c.port, "expected ports unique in the group: its containers share one network namespace");
      names.add(c.name);
      ports.add(c.port);
    }
    if (ports.size > ACI_MAX_PORTS_PER_IP) {
      throw new ValidationError(this, `${at}.services`, [...ports], `expected at most ${ACI_MAX_PORTS_PER_IP} ports on the group's IP (ACI limit); split the services over more groups`);
    }
    const cpu = round(containers.reduce((n, c) => n + c.cpu, 0));
    const memory = round(containers.reduce((n, c) => n + c.memory, 0));
    if (cpu < ACI_MIN_GROUP_CPU_CORES || memory < ACI_MIN_GROUP_MEMORY_GB) {
      throw new ValidationError(
        this,
        `${at}.services`,
        { cpuCores: cpu, memoryGb: memory },
        `expected requests adding up to at least ${ACI_MIN_GROUP_CPU_CORES} vCPU and ${ACI_MIN_GROUP_MEMORY_GB} GB: ACI allocates no less to a container group`,
      );
    }
    if (cpu > maxCpu || memory > maxMemory) {
      throw new ValidationError(this, `${at}.services`, { cpuCores: cpu, memoryGb: memory }, `expected requests adding up to at most ${maxCpu} vCPU and ${maxMemory} GB per container group (the region's ACI maximum)`);
    }
    for (const c of containers) {
      // A container may use more than it requests, never more than its group is allocated.
      if (c.cpuLimit > cpu || c.memoryLimit > memory) {
        throw new ValidationError(
          this,
          `${at}.services`,
          { name: c.name, cpuLimit: c.cpuLimit, memoryLimitGb: c.memoryLimit },
          `expected limits within the group's allocation (${cpu} vCPU, ${memory} GB, the sum of its requests): ACI cannot overcommit a group, so request what a container may use`,
        );
      }
    }
    void spec;
  }
}

interface RenderedContainer {
  readonly name: string;
  readonly readsSecrets: boolean;
  readonly port: number;
  readonly cpu: number;
  readonly memory: number;
  readonly cpuLimit: number;
  readonly memoryLimit: number;
  readonly render: ContainerGroupContainer;
}
