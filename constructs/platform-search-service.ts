import { Construct } from "constructs";
import { SearchService } from "../providers/azurerm/search-service";
import { checkInteger, checkOneOf, isUnresolved } from "./checks";
import { SearchSku } from "./data-service-options";
import { uniqueResourceName } from "./unique-resource-name";
import { ValidationError } from "./validation-error";

/** Partition counts Azure allows: a divisor of 12. */
export const SEARCH_PARTITION_COUNTS: readonly number[] = [1, 2, 3, 4, 6, 12];

/** Most search units (replicas x partitions) a billable service may have. */
export const SEARCH_MAX_UNITS = 36;

export interface PlatformSearchServiceProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /**
   * Service name: 2-60 lowercase letters, digits and hyphens, globally unique.
   * @default - `<platform>-<stack>-search-<hash of the construct path>` (`uniqueResourceName`)
   */
  readonly name?: string;
  /**
   * @default SearchSku.BASIC
   */
  readonly sku?: SearchSku;
  /**
   * Replicas (Basic 1-3, other tiers 1-12); Azure's SLA needs 2 for reads and 3 for reads and writes.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Partitions (Basic 1-3, other tiers 1, 2, 3, 4, 6 or 12).
   * @default 1
   */
  readonly partitions?: number;
  /**
   * Reachable from the internet (keys or Entra ID still required); off means private endpoints only.
   * @default false
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /**
   * Accept API keys besides Entra ID (the platform hands workloads an admin key through Key Vault).
   * @default true
   */
  readonly apiKeysEnabled?: boolean;
}

const SERVICE_NAME = /^[a-z0-9](?!.*--)[a-z0-9-]{0,58}[a-z0-9]$/;

/**
 * Azure AI Search (seed 004's vector store), without public network access by default, accepting
 * Entra ID tokens beside API keys. Rejects replica and partition counts its SKU does not allow.
 */
export class PlatformSearchService extends Construct {
  public readonly resource: SearchService;
  public readonly serviceId: string;
  public readonly serviceName: string;
  /** `https://<name>.search.windows.net`. */
  public readonly endpoint: string;
  /** The primary admin key, a sensitive Terraform reference. */
  public readonly adminKey: string;
  public readonly sku: SearchSku;
  public readonly replicas: number;
  public readonly partitions: number;

  constructor(scope: Construct, id: string, props: PlatformSearchServiceProps) {
    super(scope, id);
    const name = props.name ?? uniqueResourceName(this, "search", { maxLength: 60 });
    const sku = props.sku ?? SearchSku.BASIC;
    const replicas = props.replicas ?? 1;
    const partitions = props.partitions ?? 1;
    const publicNetworkAccessEnabled = props.publicNetworkAccessEnabled ?? false;
    const apiKeysEnabled = props.apiKeysEnabled ?? true;

    if (!isUnresolved(name) && !SERVICE_NAME.test(name)) {
      throw new ValidationError(this, "name", name, "expected 2-60 lowercase letters, digits or hyphens, starting and ending with a letter or digit, without consecutive hyphens");
    }
    checkOneOf(this, "sku", sku, Object.values(SearchSku));
    if (sku === SearchSku.BASIC) {
      checkInteger(this, "replicas", replicas, 1, 3);
      checkInteger(this, "partitions", partitions, 1, 3);
    } else {
      checkInteger(this, "replicas", replicas, 1, 12);
      checkOneOf(this, "partitions", partitions, SEARCH_PARTITION_COUNTS);
      if (replicas * partitions > SEARCH_MAX_UNITS) {
        throw new ValidationError(this, "replicas", replicas, `expected replicas x partitions (${replicas} x ${partitions}) of at most ${SEARCH_MAX_UNITS} search units`);
      }
    }

    this.resource = new SearchService(this, "Resource", {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      sku,
      replicaCount: replicas,
      partitionCount: partitions,
      publicNetworkAccessEnabled,
      localAuthenticationEnabled: apiKeysEnabled,
      // Both API keys and Entra ID tokens are accepted; a failed token gets a bearer challenge.
      authenticationFailureMode: apiKeysEnabled ? "http401WithBearerChallenge" : undefined,
      identity: { type: "SystemAssigned" },
    });

    this.serviceId = this.resource.id;
    this.serviceName = this.resource.name;
    this.endpoint = `https://${this.resource.name}.search.windows.net`;
    this.adminKey = this.resource.primaryKey;
    this.sku = sku;
    this.replicas = replicas;
    this.partitions = partitions;
  }
}
