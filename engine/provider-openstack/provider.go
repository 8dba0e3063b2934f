// Package provider describes how terraform-provider-openstack is exposed to Pulumi: the tokens,
// property names and configuration defaults of the published @pulumi/openstack SDK, so that the
// SDK's requests and the provider's schema agree field for field.
package provider

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/terraform-provider-openstack/terraform-provider-openstack/openstack"
)

// Version is the @pulumi/openstack release whose schema this provider reproduces.
const Version = "3.15.2"

const pkg = "openstack"

// token turns "<module>/<Name>" into "openstack:<module>/<name>:<Name>".
func token(name string) string {
	module, member, ok := strings.Cut(name, "/")
	if !ok || member == "" {
		panic(fmt.Sprintf("malformed Pulumi name %q, expected <module>/<Name>", name))
	}
	file := []rune(member)
	file[0] = unicode.ToLower(file[0])
	return pkg + ":" + module + "/" + string(file) + ":" + member
}

// envDefault is a configuration value read from an environment variable when not set.
func envDefault(vars ...string) *tfbridge.SchemaInfo {
	return &tfbridge.SchemaInfo{Default: &tfbridge.DefaultInfo{EnvVars: vars}}
}

// fieldOverrides are the per-resource deviations of the SDK from the bridge's default naming and
// shapes.
func fieldOverrides() map[string]map[string]*tfbridge.SchemaInfo {
	notSingle := false
	return map[string]map[string]*tfbridge.SchemaInfo{
		// The SDK keeps the server group policies a list although Terraform allows one.
		"openstack_compute_servergroup_v2": {"policies": {MaxItemsOne: &notSingle}},
		// Terraform has both a deprecated singular and a plural block; the SDK names them so.
		"openstack_networking_subnet_v2": {
			"allocation_pool":  {Name: "allocationPools"},
			"allocation_pools": {Name: "allocationPoolsCollection"},
		},
		// "outputs" would clash with the outputs every Pulumi resource has.
		"openstack_orchestration_stack_v1": {"outputs": {Name: "StackOutputs"}},
	}
}

// Provider returns the bridge's description of the OpenStack provider.
func Provider() tfbridge.ProviderInfo {
	tf := openstack.Provider()

	info := tfbridge.ProviderInfo{
		P:           shimv2.NewProvider(tf),
		Name:        pkg,
		Description: "A Pulumi package for creating and managing OpenStack cloud resources.",
		Keywords:    []string{"pulumi", "openstack"},
		License:     "Apache-2.0",
		GitHubOrg:   "terraform-provider-openstack",
		Version:     Version,
		Config: map[string]*tfbridge.SchemaInfo{
			"region":        envDefault("OS_REGION_NAME"),
			"insecure":      envDefault("OS_INSECURE"),
			"endpoint_type": envDefault("OS_ENDPOINT_TYPE"),
			"swauth":        envDefault("OS_SWAUTH"),
			"use_octavia":   envDefault("OS_USE_OCTAVIA"),
			"cloud":         envDefault("OS_CLOUD"),
			"delayed_auth":  envDefault("OS_DELAYED_AUTH"),
			"allow_reauth":  envDefault("OS_ALLOW_REAUTH"),
		},
		Resources:   map[string]*tfbridge.ResourceInfo{},
		DataSources: map[string]*tfbridge.DataSourceInfo{},
	}

	// Every Terraform resource and data source must have a name: a provider upgrade that adds
	// one fails here instead of publishing a token the SDK does not know.
	var missing []string
	overrides := fieldOverrides()
	for tfName := range tf.ResourcesMap {
		name, ok := resourceNames[tfName]
		if !ok {
			missing = append(missing, "resource "+tfName)
			continue
		}
		info.Resources[tfName] = &tfbridge.ResourceInfo{
			Tok:    tokens.Type(token(name)),
			Fields: overrides[tfName],
		}
	}
	for tfName := range tf.DataSourcesMap {
		name, ok := functionNames[tfName]
		if !ok {
			missing = append(missing, "data source "+tfName)
			continue
		}
		info.DataSources[tfName] = &tfbridge.DataSourceInfo{Tok: tokens.ModuleMember(token(name))}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		panic("no Pulumi name for: " + strings.Join(missing, ", "))
	}

	// Without this the bridge makes "name" required; the SDK has it optional and the engine
	// fills it in from the resource name with a random suffix.
	info.SetAutonaming(255, "-")
	return info
}
