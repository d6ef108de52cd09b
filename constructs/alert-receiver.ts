import { SecretKeyReference } from "./workload";

/** Where Alertmanager finds the Secrets listed in `alertmanagerSpec.secrets` (prometheus-operator mounts them there). */
export const ALERTMANAGER_SECRETS_DIR = "/etc/alertmanager/secrets";

/** What every receiver takes. */
export interface NotifyOptions {
  /**
   * Notify again when the alert resolves.
   * @default true
   */
  readonly sendResolved?: boolean;
}

export interface WebhookReceiverOptions extends NotifyOptions {
  /** Key of a Secret in the observability namespace holding the webhook URL (URLs of chat webhooks are credentials). */
  readonly urlSecret: SecretKeyReference;
}

export interface SlackReceiverOptions extends NotifyOptions {
  /** Secret key holding the Slack incoming-webhook URL. */
  readonly apiUrlSecret: SecretKeyReference;
  /** Channel such as `#platform-alerts`. */
  readonly channel: string;
}

export interface PagerDutyReceiverOptions extends NotifyOptions {
  /** Secret key holding the Events API v2 routing (integration) key. */
  readonly routingKeySecret: SecretKeyReference;
}

export interface TeamsReceiverOptions extends NotifyOptions {
  /** Secret key holding the Microsoft Teams (Power Automate) webhook URL. */
  readonly webhookUrlSecret: SecretKeyReference;
}

/**
 * Where Alertmanager sends a severity's alerts. Every credential (webhook URL, routing key) is read
 * from a mounted Kubernetes Secret through Alertmanager's `*_file` settings, so none lands in Helm
 * values or Terraform state.
 */
export class AlertReceiver {
  /** Alerts stay visible in Alertmanager and Grafana but are sent nowhere. */
  public static none(name: string): AlertReceiver {
    return new AlertReceiver(name, [], {});
  }

  /** A generic webhook (Alertmanager's JSON payload). */
  public static webhook(name: string, options: WebhookReceiverOptions): AlertReceiver {
    return new AlertReceiver(name, [options.urlSecret], {
      webhook_configs: [{ url_file: secretPath(options.urlSecret), send_resolved: options.sendResolved ?? true }],
    });
  }

  public static slack(name: string, options: SlackReceiverOptions): AlertReceiver {
    return new AlertReceiver(name, [options.apiUrlSecret], {
      slack_configs: [
        {
          api_url_file: secretPath(options.apiUrlSecret),
          channel: options.channel,
          send_resolved: options.sendResolved ?? true,
          title: "[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.severity }})",
          text: "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.description }}\n{{ end }}",
        },
      ],
    });
  }

  public static pagerDuty(name: string, options: PagerDutyReceiverOptions): AlertReceiver {
    return new AlertReceiver(name, [options.routingKeySecret], {
      pagerduty_configs: [{ routing_key_file: secretPath(options.routingKeySecret), send_resolved: options.sendResolved ?? true }],
    });
  }

  public static microsoftTeams(name: string, options: TeamsReceiverOptions): AlertReceiver {
    return new AlertReceiver(name, [options.webhookUrlSecret], {
      msteamsv2_configs: [{ webhook_url_file: secretPath(options.webhookUrlSecret), send_resolved: options.sendResolved ?? true }],
    });
  }

  private constructor(
    /** Receiver name in the Alertmanager configuration. */
    public readonly name: string,
    /** Secrets the receiver reads; Alertmanager mounts them. */
    public readonly secretRefs: readonly SecretKeyReference[],
    private readonly integrations: Readonly<Record<string, readonly Record<string, unknown>[]>>,
  ) {}

  /** The receiver's entry in Alertmanager's `receivers`. */
  public toConfig(): Record<string, unknown> {
    return { name: this.name, ...this.integrations };
  }
}

function secretPath(ref: SecretKeyReference): string {
  return `${ALERTMANAGER_SECRETS_DIR}/${ref.secretName}/${ref.key}`;
}
