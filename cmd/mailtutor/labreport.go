package main

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/lab/report"
)

// runLabReport prints what each student did, read from the recordings of
// "mailtutor lab --record-dir DIR": a table, or CSV for a grade book.
func runLabReport(args []string) error {
	fs := newFlagSet("lab report", i18n.ClassReportUsage)
	asCSV := fs.Bool("csv", false, "CSV for a grade book (header row, one row per student, RFC 4180)")
	accounts := fs.String("accounts", "", "a users `FILE` (class-accounts.txt): a row for each of its accounts, those without a recording too")
	langFlag := fs.String("lang", "", "language of the table: en or zh (default from LC_ALL / LANG)")
	commonFlags(fs) // --no-color, as every subcommand takes it: the table has no colour anyway
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	lang, err := pickUILang(*langFlag)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(os.Stderr, i18n.Text(lang, i18n.ClassReportUsage))
		return errUsage
	}
	students, problems, err := report.Read(pos[0])
	if err != nil {
		return err
	}
	if *accounts != "" {
		users, err := lab.LoadUsers(*accounts)
		if err != nil {
			return err
		}
		students = report.WithAccounts(students, slices.Collect(maps.Keys(users)))
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, i18n.Textf(lang, i18n.ClassReportBroken, p.Path, p.Err))
	}
	if *asCSV {
		return report.CSV(os.Stdout, students)
	}
	if len(students) == 0 {
		fmt.Println(i18n.Textf(lang, i18n.ClassReportNone, pos[0]))
		return nil
	}
	return report.Table(os.Stdout, students, lang)
}
