package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mailtutor/mailtutor/internal/export"
	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/transcript"
)

// runTranscript runs "mailtutor transcript SUBCOMMAND ...".
func runTranscript(args []string) error {
	return transcriptCommand(args, os.Stdout, os.Stderr)
}

// transcriptCommand dispatches a transcript subcommand, writing results to
// stdout and warnings and usage to stderr.
func transcriptCommand(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, i18n.Textf(screenLang, i18n.UsageTranscript, "transcript"))
		return errUsage
	}
	switch args[0] {
	case "export":
		return exportTranscript(args[1:], stdout, stderr)
	case "check":
		return checkTranscript(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, i18n.Textf(screenLang, i18n.UsageTranscript, "transcript"))
		return nil
	}
	fmt.Fprintf(stderr, "%s\n\n%s", i18n.Textf(screenLang, i18n.UsageUnknownSub, "transcript", args[0]), i18n.Textf(screenLang, i18n.UsageTranscript, "transcript"))
	return errUsage
}

// exportTranscript writes a handout of one transcript.
func exportTranscript(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("transcript export", i18n.UsageTranscript, "transcript")
	fs.SetOutput(stderr)
	formatName := fs.String("format", "md", "output `FORMAT`: md (Markdown) or html")
	out := fs.String("o", "", "write to `OUT` instead of standard output")
	_, langFlag := commonFlags(fs)
	files, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "%s\n\n%s", i18n.Textf(screenLang, i18n.UsageOneTranscript, "transcript export"), i18n.Textf(screenLang, i18n.UsageTranscript, "transcript"))
		return errUsage
	}
	format, err := export.ParseFormat(*formatName)
	if err != nil {
		fmt.Fprintf(stderr, "transcript export: %v\n", err)
		return errUsage
	}
	lang, err := pickUILang(*langFlag)
	if err != nil {
		return err
	}
	t, err := openTranscript(files[0], stderr)
	if err != nil {
		return err
	}
	if *out == "" {
		if err := export.WriteIn(stdout, t, format, lang); err != nil {
			return fmt.Errorf("export %s: %w", files[0], err)
		}
		return nil
	}
	return exportToFile(*out, files[0], t, format, lang)
}

// exportToFile writes the export of the transcript file name to path,
// step by step; a file left incomplete by an error is removed.
func exportToFile(path, name string, t *transcript.File, format export.Format, lang i18n.Lang) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write the export: %w", err)
	}
	err = export.WriteIn(f, t, format, lang)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write the export: %w", cerr)
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("export %s: %w", name, err)
	}
	return nil
}

// checkTranscript loads one transcript strictly and says how it went.
func checkTranscript(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("transcript check", i18n.UsageTranscript, "transcript")
	fs.SetOutput(stderr)
	commonFlags(fs)
	files, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "%s\n\n%s", i18n.Textf(screenLang, i18n.UsageOneTranscript, "transcript check"), i18n.Textf(screenLang, i18n.UsageTranscript, "transcript"))
		return errUsage
	}
	t, err := openTranscript(files[0], stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "ok: %d steps\n", t.Summary().Steps)
	return nil
}

// openTranscript checks path strictly, step by step, printing any warning;
// the file is then read again step by step. The error of a file that does
// not load already names the file and the line.
func openTranscript(path string, stderr io.Writer) (*transcript.File, error) {
	t, warnings, err := transcript.Open(path)
	for _, w := range warnings {
		fmt.Fprintln(stderr, i18n.Text(screenLang, i18n.WarningLabel)+w)
	}
	return t, err
}
