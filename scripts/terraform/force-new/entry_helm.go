package main

import (
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	"github.com/hashicorp/terraform-provider-helm/helm"
)

func sdkProvider() *schema.Provider { return nil }

func frameworkProviders() []fwprovider.Provider { return []fwprovider.Provider{helm.New("dev")()} }

func rawResources() map[string]string { return nil }
