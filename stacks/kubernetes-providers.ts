import { Construct } from "constructs";
import { HelmProvider } from "../providers/helm/provider";
import { KubernetesProvider } from "../providers/kubernetes/provider";
import { KubernetesConnection } from "../constructs/kubernetes-connection";

/** A kubeconfig file and context, for a cluster the platform does not create (dev). */
export interface KubeconfigTarget {
  readonly configPath: string;
  readonly configContext: string;
}

/** The kubernetes and helm providers of a workloads stack, pointed at the same cluster. */
export interface KubernetesProviders {
  readonly kubernetes: KubernetesProvider;
  readonly helm: HelmProvider;
}

/** Configures both providers from an AKS connection (exec credential) or a kubeconfig target. */
export function configureKubernetesProviders(
  scope: Construct,
  target: KubernetesConnection | KubeconfigTarget,
): KubernetesProviders {
  if ("configPath" in target) {
    return {
      kubernetes: new KubernetesProvider(scope, "kubernetes", {
        configPath: target.configPath,
        configContext: target.configContext,
      }),
      helm: new HelmProvider(scope, "helm", {
        kubernetes: { configPath: target.configPath, configContext: target.configContext },
      }),
    };
  }
  const exec = { apiVersion: target.exec.apiVersion, command: target.exec.command, args: [...target.exec.args] };
  return {
    kubernetes: new KubernetesProvider(scope, "kubernetes", {
      host: target.host,
      clusterCaCertificate: target.clusterCaCertificate,
      exec: [exec],
    }),
    helm: new HelmProvider(scope, "helm", {
      kubernetes: { host: target.host, clusterCaCertificate: target.clusterCaCertificate, exec },
    }),
  };
}
