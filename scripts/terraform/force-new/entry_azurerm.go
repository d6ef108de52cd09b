package main

import (
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	"github.com/hashicorp/terraform-provider-azurerm/internal/provider"
	"github.com/hashicorp/terraform-provider-azurerm/internal/provider/framework"
)

func sdkProvider() *schema.Provider { return provider.AzureProvider() }

func frameworkProviders() []fwprovider.Provider {
	return []fwprovider.Provider{framework.NewFrameworkV5Provider()}
}

func rawResources() map[string]string { return nil }
