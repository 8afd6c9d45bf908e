package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/lab"
)

// classFlags are the flags of "mailtutor lab" for running it for a class.
type classFlags struct {
	size      int
	classFile string
}

// addClassFlags adds --class, --class-file and --record-dir to fs.
func addClassFlags(fs *flag.FlagSet, cfg *lab.Config) *classFlags {
	c := &classFlags{}
	fs.IntVar(&c.size, "class", 0, "make `N` student accounts student01...studentNN with random passwords, in place of the practice accounts")
	fs.StringVar(&c.classFile, "class-file", "", "where --class keeps the accounts, readable by you only (default: class-accounts.txt in --dir, else in the current directory)")
	fs.StringVar(&cfg.RecordDir, "record-dir", "", "record every session served as a transcript in `DIR`/<user>/ (secrets redacted)")
	return c
}

// apply makes or reads the class accounts into cfg and says so on stdout.
func (c *classFlags) apply(cfg *lab.Config, lang i18n.Lang) error {
	if cfg.RecordDir != "" {
		if abs, err := filepath.Abs(cfg.RecordDir); err == nil {
			cfg.RecordDir = abs // the banner says where, wherever it was started
		}
	}
	if c.size == 0 {
		if c.classFile != "" {
			return fmt.Errorf("--class-file needs --class N")
		}
		return nil
	}
	path := c.classFile
	if path == "" {
		path = "class-accounts.txt"
		if cfg.Dir != "" {
			if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
				return err
			}
			path = filepath.Join(cfg.Dir, path)
		}
	}
	users, made, err := lab.ClassAccounts(path, c.size)
	if err != nil {
		return err
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	cfg.Users, cfg.AccountsFile = users, path
	if made {
		fmt.Println(i18n.Textf(lang, i18n.ClassAccountsMade, len(users), path))
	} else {
		fmt.Println(i18n.Textf(lang, i18n.ClassAccountsKept, len(users), path))
	}
	return nil
}
