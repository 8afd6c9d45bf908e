package export

// pageTemplate lays out a document in three parts, so that a transcript
// of any length is written one step at a time: "head" (the document),
// "step" (each entry) and "foot"; see HTML.
const pageTemplate = `{{define "head"}}<!DOCTYPE html>
<html lang="{{.W.HTMLLang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mailtutor">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<header>
<p class="kicker">{{.W.Kicker}} · {{.Protocol}}</p>
<h1>{{.Title}}</h1>
<dl class="meta">
<dt>{{.W.Server}}</dt><dd><code>{{.Server}}</code> · {{.Security}}</dd>
{{- if .Recorded}}
<dt>{{.W.Recorded}}</dt><dd>{{.Recorded}}</dd>{{end}}
<dt>{{.W.Steps}}</dt><dd>{{.Count}}{{if .Duration}}{{.W.In}}{{.Duration}}{{end}}</dd>
{{- if .Tool}}
<dt>{{.W.RecordedWith}}</dt><dd>{{.Tool}}</dd>{{end}}
</dl>
<p class="legend"><span class="chip chip-client">C</span> {{.W.LegendClient}}
<span class="chip chip-server">S</span> {{.W.LegendServer}}</p>
</header>
<main>
<ol class="dialogue">{{end}}
{{- define "step"}}
<li class="step {{.Side}} {{.Kind}}" id="step-{{.Number}}">
{{- $w := .W}}{{with .Lesson}}{{if .Explain}}
<aside class="lesson"><b>{{$w.Lesson}}</b> {{template "prose" .Explain}}</aside>{{end}}{{end}}
<div class="bubble{{with .Tone}} tone-{{.}}{{end}}">
<div class="tag"><a class="num" href="#step-{{.Number}}">{{.Number}}</a> {{template "label" .}}<span class="at">{{.At}}</span></div>
{{- if eq .Kind "client"}}
<pre class="wire">{{range .Client}}{{if .Hidden}}<span class="hidden">{{.Hidden}}</span>{{else if .Text}}{{.Text}}{{else}}<span class="empty">{{$w.EmptyLine}}</span>{{end}}{{end}}</pre>
{{- else if eq .Kind "data"}}
{{- if .Body}}
<pre class="wire body">{{range $i, $l := .Body}}{{if $i}}
{{end}}{{$l}}{{end}}</pre>{{else}}
<p class="empty">{{$w.EmptyBody}}</p>{{end}}
<p class="aside">{{$w.DataNoteHTML}}</p>
{{- else if eq .Kind "server"}}
{{- range .Replies}}
<div class="reply">
<pre class="wire">{{range $i, $l := .Lines}}{{if $i}}
{{end}}{{$l}}{{end}}</pre>
<div class="explain">
<p class="class tone-{{.Tone}}"><b>{{.Head}}</b>{{if .Rest}}: {{template "rich" .Rest}}{{end}}</p>
{{- if .Meaning}}
<p>{{template "rich" .Meaning}}{{if .RFC}} <span class="rfc">{{.RFC}}</span>{{end}}</p>{{end}}
{{- if .Enhanced}}
<p>{{$w.EnhancedCode}} <code class="code">{{.Enhanced}}</code>{{if .EnhancedText}}{{$w.Colon}} {{template "rich" .EnhancedText}}{{end}}</p>{{end}}
{{- if .Decoded}}
<p>{{$w.Decodes}} <code class="decoded">{{.Decoded}}</code></p>{{end}}
{{- range .Problems}}
<p class="problem"><b>{{$w.ProtocolProblem}}{{$w.Colon}}</b> {{template "rich" .}}</p>{{end}}
{{- if .Next}}
<p class="next"><b>{{$w.Next}}{{$w.Colon}}</b> {{template "rich" .Next}}</p>{{end}}
</div>
</div>
{{- end}}
{{- else if eq .Kind "tls"}}
{{- with .TLS}}
<p class="summary">{{.Summary}}</p>
{{- if .Details}}
<dl class="cert">{{range .Details}}<dt>{{index . 0}}</dt><dd>{{index . 1}}</dd>{{end}}</dl>{{end}}
<p class="verdict {{if .Verified}}good{{else}}bad{{end}}">{{.Verdict}}</p>
{{- end}}
{{- else}}
<p class="summary">{{.Closed}}</p>
{{- end}}
{{- if .Note}}
<p class="note"><b>{{$w.Note}}{{$w.Colon}}</b> {{template "prose" .Note}}</p>{{end}}
{{- with .Lesson}}
{{- if .Expect}}
<p class="note"><b>{{$w.Type}}{{$w.Colon}}</b> <code>{{.Expect}}</code></p>{{end}}
{{- if .Hint}}
<p class="note"><b>{{$w.Hint}}{{$w.Colon}}</b> {{template "prose" .Hint}}</p>{{end}}
{{- if .Notice}}
<p class="note"><b>{{$w.Notice}}{{$w.Colon}}</b> {{template "prose" .Notice}}</p>{{end}}
{{- end}}
</div>
</li>{{end}}
{{- define "foot"}}
</ol>
</main>
<footer>{{.W.Footer}}</footer>
</body>
</html>



{{end}}
{{define "label"}}{{if eq .Kind "client"}}{{.W.ClientLabel}}{{else if eq .Kind "data"}}{{.W.ClientLabel}} · {{.W.DataLabel}}{{else if eq .Kind "server"}}{{.W.ServerLabel}}{{else if eq .Kind "tls"}}{{.W.TLSLabel}}{{else}}{{.W.ClosedLabel}}{{end}}{{end}}
{{define "rich"}}{{range rich .}}{{if .Code}}<code>{{.Text}}</code>{{else}}{{.Text}}{{end}}{{end}}{{end}}
{{define "prose"}}{{range $i, $l := split .}}{{if $i}}<br>{{end}}{{$l}}{{end}}{{end}}
`
