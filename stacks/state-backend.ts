import { AzurermBackend, LocalBackend, TerraformStack } from "cdktf";

/** Where the state of an Azure blob backend lives. */
export interface AzureStateOptions {
  readonly resourceGroupName: string;
  readonly storageAccountName: string;
  readonly containerName: string;
  /**
   * Prefix of each stack's state blob (`<prefix><stack>.tfstate`).
   * @default ""
   */
  readonly keyPrefix?: string;
}

/** Where each stack keeps its Terraform state. Chosen once for the app, bound to every stack. */
export class StateBackend {
  /**
   * State files in a directory given relative to the stack's working directory
   * (`cdktf.out/stacks/<stack>`), so cross-stack lookups resolve from any stack and nothing of
   * the machine is baked into the output. The default is the project root, where cdktf puts them.
   */
  public static local(directory = "../../.."): StateBackend {
    return new StateBackend((stack) => {
      new LocalBackend(stack, { path: `${directory}/terraform.${stack.node.id}.tfstate` });
    });
  }

  /** State blobs in an Azure storage account, reached with Entra ID (no account keys). */
  public static azureBlob(options: AzureStateOptions): StateBackend {
    return new StateBackend((stack) => {
      new AzurermBackend(stack, {
        resourceGroupName: options.resourceGroupName,
        storageAccountName: options.storageAccountName,
        containerName: options.containerName,
        key: `${options.keyPrefix ?? ""}${stack.node.id}.tfstate`,
        useAzureadAuth: true,
      });
    });
  }

  private constructor(private readonly configure: (stack: TerraformStack) => void) {}

  /** Configures the backend of one stack. */
  public bind(stack: TerraformStack): void {
    this.configure(stack);
  }
}
