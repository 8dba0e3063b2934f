package local

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"

	provider "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer/types"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// run executes one command with the resource's settings and records its output in state.
// The previous run's output, if any, is in state when run is called.
func run(ctx context.Context, command string, state *CommandOutputs, previous bool) error {
	interpreter := state.Interpreter
	if len(interpreter) == 0 {
		interpreter = []string{"/bin/sh", "-c"}
	}
	args := append(append([]string{}, interpreter[1:]...), command)
	cmd := exec.CommandContext(ctx, interpreter[0], args...)
	if state.Dir != nil {
		cmd.Dir = *state.Dir
	}

	cmd.Env = os.Environ()
	if previous && (state.AddPreviousOutputInEnv == nil || *state.AddPreviousOutputInEnv) {
		cmd.Env = append(cmd.Env,
			"PULUMI_COMMAND_STDOUT="+state.Stdout,
			"PULUMI_COMMAND_STDERR="+state.Stderr)
	}
	for name, value := range state.Environment {
		cmd.Env = append(cmd.Env, name+"="+value)
	}
	if state.Stdin != nil {
		cmd.Stdin = strings.NewReader(*state.Stdin)
	}

	logging := LoggingStdoutAndStderr
	if state.Logging != nil {
		logging = *state.Logging
	}
	logger := provider.GetLogger(ctx)
	var stdout, stderr bytes.Buffer
	var logMutex sync.Mutex
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if logging == LoggingStdout || logging == LoggingStdoutAndStderr {
		cmd.Stdout = io.MultiWriter(&stdout, &lineLogger{log: logger.InfoStatus, mutex: &logMutex})
	}
	if logging == LoggingStderr || logging == LoggingStdoutAndStderr {
		cmd.Stderr = io.MultiWriter(&stderr, &lineLogger{log: logger.InfoStatus, mutex: &logMutex})
	}

	err := cmd.Run()
	state.Stdout = strings.TrimSuffix(stdout.String(), "\n")
	state.Stderr = strings.TrimSuffix(stderr.String(), "\n")
	if err != nil {
		return fmt.Errorf("%w: running %q:\nstdout: %s\nstderr: %s", err, command, state.Stdout, state.Stderr)
	}
	return collectFiles(state)
}

// lineLogger sends whole lines of a stream to the engine's log.
type lineLogger struct {
	log     func(string)
	mutex   *sync.Mutex
	partial []byte
}

func (l *lineLogger) Write(p []byte) (int, error) {
	l.partial = append(l.partial, p...)
	for {
		end := bytes.IndexByte(l.partial, '\n')
		if end < 0 {
			return len(p), nil
		}
		l.mutex.Lock()
		l.log(string(l.partial[:end]))
		l.mutex.Unlock()
		l.partial = l.partial[end+1:]
	}
}

// collectFiles fills the assets and archive outputs from assetPaths and archivePaths.
func collectFiles(state *CommandOutputs) error {
	dir := "."
	if state.Dir != nil {
		dir = *state.Dir
	}
	state.Assets = nil
	state.Archive = nil
	if len(state.AssetPaths) > 0 {
		files, err := matchFiles(dir, state.AssetPaths)
		if err != nil {
			return err
		}
		state.Assets = map[string]types.AssetOrArchive{}
		for _, f := range files {
			asset, err := resource.NewPathAsset(f.path)
			if err != nil {
				return err
			}
			state.Assets[f.name] = types.AssetOrArchive{Asset: asset}
		}
	}
	if len(state.ArchivePaths) > 0 {
		files, err := matchFiles(dir, state.ArchivePaths)
		if err != nil {
			return err
		}
		contents := map[string]any{}
		for _, f := range files {
			asset, err := resource.NewPathAsset(f.path)
			if err != nil {
				return err
			}
			contents[f.name] = asset
		}
		archive, err := resource.NewAssetArchive(contents)
		if err != nil {
			return err
		}
		state.Archive = archive
	}
	return nil
}
