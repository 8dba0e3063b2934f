// Command pulumi-tfgen-openstack writes the Pulumi schema of the OpenStack provider
// (`pulumi-tfgen-openstack schema --out <dir>`); the provider binary embeds the result.
package main

import (
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfgen"

	provider "govcloud.local/engine/provider-openstack"
)

func main() {
	tfgen.Main("openstack", provider.Version, provider.Provider())
}
