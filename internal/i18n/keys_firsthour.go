package i18n

// Texts of the first hour (issue 14): the lab's services in the banner,
// :connect, scripts that stop at a bad line, a second :save.
const (
	ScriptStops     Key = "script-stops"      // "line %d of the script: %v; the script stops here (the goodbye is sent)"
	RecordingAlsoTo Key = "recording-also-to" // "recording to %s as well (everything so far, and every step from now on); %s goes on too"
)

// init adds the first hour's texts to the catalogs.
func init() {
	for k, v := range englishFirstHour {
		english[k] = v
	}
	for k, v := range chineseFirstHour {
		chinese[k] = v
	}
}
