// Command pulumi-resource-command is the resource provider plugin for command:local:Command, the
// part of @pulumi/command that govcloud programs use: it runs shell commands on the machine the
// engine runs on when a resource is created, updated or deleted.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/pulumi/pulumi-go-provider/infer"

	"govcloud.local/engine/provider-command/local"
)

// version is the @pulumi/command release whose schema this provider serves; the build sets it.
var version = "1.2.1"

func main() {
	provider, err := infer.NewProviderBuilder().
		WithDisplayName("Command").
		WithDescription("Runs commands on the machine the Pulumi engine runs on.").
		WithKeywords("pulumi", "command", "category/utility", "kind/native").
		WithLicense("Apache-2.0").
		WithResources(infer.Resource(&local.Command{})).
		Build()
	if err != nil {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		os.Exit(1)
	}
	if err := provider.Run(context.Background(), "command", version); err != nil {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		os.Exit(1)
	}
}
