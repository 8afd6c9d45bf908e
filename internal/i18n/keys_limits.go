package i18n

// Texts of "mailtutor lab" about its limits and the instructor's log.
const (
	LabLogFile   Key = "lab-log-file"   // the instructor's log goes to the file %s
	LabLogStderr Key = "lab-log-stderr" // the instructor's log goes to stderr
	LabLimits    Key = "lab-limits"     // the limits: per client, total, idle timeout, free failures, first and longest delay
)
