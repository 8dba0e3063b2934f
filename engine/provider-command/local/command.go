// Package local implements command:local:Command with the inputs and outputs the @pulumi/command
// 1.2.1 SDK sends and reads. The Go package name is the token's module ("local").
package local

import (
	"context"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi-go-provider/infer/types"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Logging says which of a command's output streams go to the engine's log as it runs.
type Logging string

const (
	LoggingStdout          Logging = "stdout"
	LoggingStderr          Logging = "stderr"
	LoggingStdoutAndStderr Logging = "stdoutAndStderr"
	LoggingNone            Logging = "none"
)

// Values lists the enum's members for the schema.
func (Logging) Values() []infer.EnumValue[Logging] {
	return []infer.EnumValue[Logging]{
		{Name: "Stdout", Value: LoggingStdout, Description: "Log standard output only."},
		{Name: "Stderr", Value: LoggingStderr, Description: "Log standard error only."},
		{Name: "StdoutAndStderr", Value: LoggingStdoutAndStderr, Description: "Log both streams."},
		{Name: "None", Value: LoggingNone, Description: "Log neither stream."},
	}
}

// Command is a set of shell commands run when the resource is created, updated and deleted.
type Command struct{}

// CommandInputs are the resource's arguments.
type CommandInputs struct {
	AddPreviousOutputInEnv *bool             `pulumi:"addPreviousOutputInEnv,optional"`
	ArchivePaths           []string          `pulumi:"archivePaths,optional"`
	AssetPaths             []string          `pulumi:"assetPaths,optional"`
	Create                 *string           `pulumi:"create,optional"`
	Delete                 *string           `pulumi:"delete,optional"`
	Dir                    *string           `pulumi:"dir,optional"`
	Environment            map[string]string `pulumi:"environment,optional"`
	Interpreter            []string          `pulumi:"interpreter,optional"`
	Logging                *Logging          `pulumi:"logging,optional"`
	Stdin                  *string           `pulumi:"stdin,optional"`
	// Any change of a trigger replaces the resource: delete runs, then create.
	Triggers []any   `pulumi:"triggers,optional" provider:"replaceOnChanges"`
	Update   *string `pulumi:"update,optional"`
}

// CommandOutputs is the resource's state: its inputs and what the last command produced.
type CommandOutputs struct {
	CommandInputs
	Stdout  string                          `pulumi:"stdout"`
	Stderr  string                          `pulumi:"stderr"`
	Assets  map[string]types.AssetOrArchive `pulumi:"assets,optional"`
	Archive *resource.Archive               `pulumi:"archive,optional"`
}

// Annotate documents the resource for the schema.
func (c *Command) Annotate(a infer.Annotator) {
	a.Describe(c, "Shell commands run on the engine's machine when the resource is created, updated "+
		"or deleted. A command that exits with a non-zero status fails that step.")
}

// Annotate documents the inputs for the schema.
func (c *CommandInputs) Annotate(a infer.Annotator) {
	a.Describe(&c.AddPreviousOutputInEnv, "Whether update and delete see the last run's output in "+
		"PULUMI_COMMAND_STDOUT and PULUMI_COMMAND_STDERR (default true).")
	a.Describe(&c.ArchivePaths, "Globs, relative to dir, of the files collected into archive after a run; "+
		"`**` crosses folders, a leading `!` excludes.")
	a.Describe(&c.AssetPaths, "Globs, relative to dir, of the files collected into assets after a run; "+
		"`**` crosses folders, a leading `!` excludes.")
	a.Describe(&c.Create, "Run when the resource is created.")
	a.Describe(&c.Delete, "Run when the resource is deleted, with the state of the last run.")
	a.Describe(&c.Dir, "Working directory of the commands (it must exist).")
	a.Describe(&c.Environment, "Variables added to the commands' environment.")
	a.Describe(&c.Interpreter, "Program and leading arguments the command is appended to "+
		"(default [\"/bin/sh\", \"-c\"]).")
	a.Describe(&c.Logging, "Which output streams are copied to the engine's log (default both).")
	a.Describe(&c.Stdin, "Text written to the commands' standard input.")
	a.Describe(&c.Triggers, "Values of any type; when one changes, the resource is replaced: delete "+
		"runs, then create.")
	a.Describe(&c.Update, "Run when an input other than triggers changes; create runs when it is unset.")
}

// Annotate documents the outputs for the schema.
func (c *CommandOutputs) Annotate(a infer.Annotator) {
	a.Describe(&c.Stdout, "Standard output of the last run, without its final newline.")
	a.Describe(&c.Stderr, "Standard error of the last run, without its final newline.")
	a.Describe(&c.Assets, "The files matched by assetPaths, by path.")
	a.Describe(&c.Archive, "An archive of the files matched by archivePaths.")
}

// Create runs the create command. A preview runs nothing: stdout and stderr stay unknown.
func (*Command) Create(
	ctx context.Context, req infer.CreateRequest[CommandInputs],
) (infer.CreateResponse[CommandOutputs], error) {
	state := CommandOutputs{CommandInputs: req.Inputs}
	id, err := resource.NewUniqueHex(req.Name, 8, 0)
	if err != nil {
		return infer.CreateResponse[CommandOutputs]{}, err
	}
	if req.DryRun || req.Inputs.Create == nil {
		return infer.CreateResponse[CommandOutputs]{ID: id, Output: state}, nil
	}
	err = run(ctx, *req.Inputs.Create, &state, false)
	return infer.CreateResponse[CommandOutputs]{ID: id, Output: state}, err
}

// Update runs the update command, or the create command when there is no update command.
func (*Command) Update(
	ctx context.Context, req infer.UpdateRequest[CommandInputs, CommandOutputs],
) (infer.UpdateResponse[CommandOutputs], error) {
	state := req.State
	state.CommandInputs = req.Inputs
	command := req.Inputs.Update
	if command == nil {
		command = req.Inputs.Create
	}
	if req.DryRun || command == nil {
		return infer.UpdateResponse[CommandOutputs]{Output: state}, nil
	}
	err := run(ctx, *command, &state, true)
	return infer.UpdateResponse[CommandOutputs]{Output: state}, err
}

// Delete runs the delete command recorded in the state, if any.
func (*Command) Delete(ctx context.Context, req infer.DeleteRequest[CommandOutputs]) (infer.DeleteResponse, error) {
	if req.State.Delete == nil {
		return infer.DeleteResponse{}, nil
	}
	state := req.State
	return infer.DeleteResponse{}, run(ctx, *state.Delete, &state, true)
}
