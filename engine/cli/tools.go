//go:build tools

// Package cli only exists so that `go mod tidy` records every module the
// Pulumi CLI needs; the binary is built from the imported package path.
package cli

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
