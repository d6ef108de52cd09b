package main

import (
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	framework "github.com/hashicorp/terraform-provider-kubernetes/internal/framework/provider"
	"github.com/hashicorp/terraform-provider-kubernetes/kubernetes"
)

func sdkProvider() *schema.Provider { return kubernetes.Provider() }

func frameworkProviders() []fwprovider.Provider {
	return []fwprovider.Provider{framework.New("dev", func() any { return nil })}
}

// kubernetes_manifest speaks the plugin protocol directly; its replacements are set in PlanResourceChange.
func rawResources() map[string]string {
	return map[string]string{"kubernetes_manifest": "manifest/provider/plan.go"}
}
