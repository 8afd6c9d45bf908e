package export

// pageCSS is the style sheet of the HTML handout: the screen first, then
// print (A4, colours kept, no step split across pages).
const pageCSS = `
:root {
  --ink: #1f2937; --muted: #64748b; --line: #e2e8f0;
  --client: #2563eb; --client-bg: #eef4ff;
  --server-bg: #f8fafc;
  --positive: #15803d; --intermediate: #1d4ed8; --transient: #b45309;
  --permanent: #b91c1c; --malformed: #7e22ce; --tls: #0f766e;
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 980px; padding: 28px 28px 40px; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
    "Noto Sans CJK SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
}
code, pre {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono",
    "Noto Sans Mono CJK SC", "Noto Sans CJK SC", "Microsoft YaHei", monospace;
  font-size: 13.5px;
}
header { border-bottom: 2px solid var(--line); padding-bottom: 14px; margin-bottom: 20px; }
.kicker { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: .06em; text-transform: uppercase; }
h1 { margin: 2px 0 12px; font-size: 27px; line-height: 1.25; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 0 0 12px; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.legend { margin: 0; color: var(--muted); font-size: 13.5px; }
.chip { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 4px; color: #fff;
  font-weight: 700; font-size: 12px; padding: 0 5px; margin: 0 4px 0 0; }
.chip-client { background: var(--client); }
.chip-server { background: #475569; margin-left: 14px; }
.dialogue { list-style: none; margin: 0; padding: 0; }
.step { display: flex; flex-direction: column; margin: 0 0 10px; }
.bubble { border-radius: 10px; padding: 7px 12px 9px; max-width: 80%; }
.client .bubble { align-self: flex-start; min-width: 30%; background: var(--client-bg);
  border-left: 5px solid var(--client); }
.data .bubble { width: 80%; }
.server .bubble { align-self: flex-end; width: 80%; background: var(--server-bg);
  border: 1px solid var(--line); border-right: 5px solid #94a3b8; }
.event .bubble { align-self: center; width: 74%; background: #f0fdfa; border: 1px dashed var(--tls); }
.closed .bubble { background: #f8fafc; border-color: #94a3b8; }
.event .bubble.tone-unverified { background: #fef2f2; border-color: var(--permanent); }
.tag { display: flex; gap: 8px; align-items: baseline; font-size: 12px; color: var(--muted);
  text-transform: uppercase; letter-spacing: .05em; margin-bottom: 2px; }
.tag .num { font-weight: 700; color: var(--ink); text-decoration: none; }
.tag .at { margin-left: auto; text-transform: none; letter-spacing: 0; }
.client .tag { color: var(--client); }
pre.wire { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.4; }
.client pre.wire { font-weight: 600; color: #1e3a8a; }
.data pre.wire { font-weight: 400; color: var(--ink); background: #fff; border: 1px solid #cbd5e1;
  border-radius: 6px; padding: 8px 10px; }
.hidden { display: inline-block; font: 600 12px/1.6 system-ui, sans-serif; color: #fff; background: #475569;
  border-radius: 999px; padding: 0 9px; margin: 0 2px; vertical-align: 1px; }
.empty { color: var(--muted); font-style: italic; font-weight: 400; }
.reply + .reply { margin-top: 10px; padding-top: 8px; border-top: 1px dashed var(--line); }
.server pre.wire { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 5px 9px;
  color: #0f172a; font-weight: 500; }
.explain { margin-top: 6px; font-size: 14px; }
.explain code { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; font-size: 12.5px; }
.explain p, .note, .aside, .summary, .verdict { margin: 2px 0 0; }
.class b { font-weight: 700; }
.rfc { color: var(--muted); font-size: 12.5px; white-space: nowrap; }
.rfc::before { content: "· "; }
.next { color: #0f172a; }
.next b, .problem b { text-transform: uppercase; font-size: 11.5px; letter-spacing: .05em; }
.problem { color: var(--malformed); }
.aside { color: var(--muted); font-size: 12.5px; margin-top: 6px; }
.summary { font-weight: 600; }
.cert { display: grid; grid-template-columns: max-content 1fr; gap: 1px 14px; margin: 6px 0 0; font-size: 13.5px; }
.cert dt { color: var(--muted); }
.cert dd { margin: 0; overflow-wrap: anywhere; }
.verdict { font-weight: 600; margin-top: 4px; }
.verdict.good { color: var(--positive); }
.verdict.bad { color: var(--permanent); }
.note { font-size: 13.5px; margin-top: 6px; }
.lesson { background: #fffbeb; border-left: 5px solid #f59e0b; border-radius: 8px; padding: 7px 12px;
  margin: 4px 0 8px; font-size: 14px; }
.lesson b { color: #92400e; text-transform: uppercase; font-size: 11.5px; letter-spacing: .06em; margin-right: 4px; }
.tone-positive { border-right-color: var(--positive) !important; }
.tone-intermediate { border-right-color: var(--intermediate) !important; }
.tone-transient { border-right-color: var(--transient) !important; }
.tone-permanent { border-right-color: var(--permanent) !important; }
.tone-malformed { border-right-color: var(--malformed) !important; }
.class.tone-positive b { color: var(--positive); }
.class.tone-intermediate b { color: var(--intermediate); }
.class.tone-transient b { color: var(--transient); }
.class.tone-permanent b { color: var(--permanent); }
.class.tone-malformed b { color: var(--malformed); }
footer { margin-top: 24px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  code, pre { font-size: 9.5pt; }
  .step { break-inside: avoid; page-break-inside: avoid; }
  .lesson { break-after: avoid; page-break-after: avoid; }
  header { break-after: avoid; page-break-after: avoid; }
  .tag .num { color: var(--ink); }
}
`
