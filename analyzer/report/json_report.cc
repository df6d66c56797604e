#include "report/json_writer.h"
#include "report/report.h"

namespace kubesift {

SeverityCounts CountFindings(const Analysis& analysis) {
  SeverityCounts c;
  for (const Finding& f : analysis.findings) {
    switch (f.severity) {
      case Severity::kCritical:
        ++c.critical;
        break;
      case Severity::kWarning:
        ++c.warning;
        break;
      case Severity::kInfo:
        ++c.info;
        break;
    }
  }
  return c;
}

std::string WriteJson(const Analysis& analysis) {
  std::string out;
  JsonWriter w(&out);
  const BundleInfo& b = analysis.bundle;
  w.BeginObject();
  w.Field("schema", "kubesift.report/v1");
  w.Key("tool").BeginObject().Field("name", "kubesift").Field("version", kVersion).EndObject();
  w.Key("bundle").BeginObject();
  w.Field("path", b.path).Field("format", b.format).Field("container", b.container);
  w.Key("collected_at");
  if (b.collected_at) {
    w.String(*b.collected_at);
  } else {
    w.Null();
  }
  w.FieldInt("entries", static_cast<int64_t>(b.entries));
  w.FieldInt("bytes", static_cast<int64_t>(b.bytes));
  w.EndObject();
  SeverityCounts counts = CountFindings(analysis);
  w.Key("summary").BeginObject();
  w.FieldInt("critical", counts.critical).FieldInt("warning", counts.warning);
  w.FieldInt("info", counts.info);
  w.EndObject();
  w.Key("findings").BeginArray();
  for (const Finding& f : analysis.findings) {
    w.BeginObject();
    w.Field("id", f.id).Field("rule", f.rule).Field("severity", SeverityName(f.severity));
    w.Field("category", f.category).Field("title", f.title).Field("message", f.message);
    w.Key("subject").BeginObject();
    w.Field("kind", f.subject.kind).Field("namespace", f.subject.ns).Field("name", f.subject.name);
    w.EndObject();
    if (!f.owner.empty()) w.Field("owner", f.owner);
    w.Key("evidence").BeginArray();
    for (const Evidence& e : f.evidence) {
      w.BeginObject().Field("path", e.path).FieldInt("line", static_cast<int64_t>(e.line));
      w.Field("text", e.text).EndObject();
    }
    w.EndArray();
    w.Field("fix", f.fix);
    if (!f.detail.empty()) w.Field("detail", f.detail);
    if (!f.events.empty()) {
      w.Key("events").BeginArray();
      for (const EventSummary& e : f.events) {
        w.BeginObject().Field("reason", e.reason).FieldInt("count", static_cast<int64_t>(e.count));
        w.Field("last", e.last).Field("message", e.message).EndObject();
      }
      w.EndArray();
    }
    w.Key("caused_by").BeginArray();
    for (const std::string& id : f.caused_by) w.String(id);
    w.EndArray();
    w.Key("explains").BeginArray();
    for (const std::string& id : f.explains) w.String(id);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("problems").BeginArray();
  for (const Problem& p : analysis.problems) {
    w.BeginObject().Field("path", p.path);
    if (p.line) w.FieldInt("line", p.line);
    if (p.column) w.FieldInt("column", p.column);
    w.Field("error", p.error).EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

}  // namespace kubesift
