package i18n

// Texts of the first hour (issue 14): the lab's services in the banner,
// :connect, scripts that stop at a bad line, a second :save.
const (
	ScriptStops         Key = "script-stops"          // "line %d of the script: %v; the script stops here (the goodbye is sent)"
	ConnectNoLab        Key = "connect-no-lab"        // ":connect switches between the services of the practice lab this prompt started (mailtutor, or connect --lab)"
	ConnectUsage        Key = "connect-usage"         // ":connect needs a service of the lab, e.g. :connect pop3"
	LabServices         Key = "lab-services"          // heading of the lab's services in the banner
	LabServiceHere      Key = "lab-service-here"      // "(this prompt)"
	ConnectRecEnded     Key = "connect-rec-ended"     // "%s holds the %s session, which ends here; :save FILE records this one"
	ConnectionLostAbove Key = "connection-lost-above" // "-- connection lost: the error above ended it"
	RecordingAlsoTo     Key = "recording-also-to"     // "recording to %s as well (everything so far, and every step from now on); %s goes on too"
	SchemeAssumed       Key = "scheme-assumed"        // "note: %s has no scheme, so it is taken as %s; ..."
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
