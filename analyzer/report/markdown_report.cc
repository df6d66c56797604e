// The Markdown report, written to be pasted into a GitHub or Jira ticket: the root causes and
// their fixes first, then every finding with its evidence, then the cluster at a glance and
// what the bundle did and did not contain.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "graph/correlate.h"
#include "report/overview.h"
#include "report/replicas.h"
#include "report/report.h"
#include "report/timeline.h"
#include "rules/rule_loader.h"

namespace kubesift {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// A table cell: no newlines, no unescaped pipes.
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A table cell: no newlines, no unescaped pipes.
std::string Cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string Code(std::string_view s) {
  // Inline code that survives backticks inside.
  std::string fence = s.find('`') == std::string_view::npos ? "`" : "`` ";
  std::string close = fence == "`" ? "`" : " ``";
  return fence + Cell(s) + close;
}

std::string Fence(std::string_view body) {
  size_t longest = 0, run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<size_t>(3, longest + 1), '`');
}

std::string HumanBytes(uint64_t bytes) {
  char buf[32];
  if (bytes >= (uint64_t{1} << 30)) {
    std::snprintf(buf, sizeof buf, "%.1f GB", bytes / 1073741824.0);
  } else if (bytes >= (uint64_t{1} << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1048576.0);
  } else if (bytes >= 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KB", bytes / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  }
  return buf;
}

std::string Count(size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

// The fix up to the end of its first sentence: the summary gives the first step, the finding
// gives the whole fix.
std::string FirstSentence(const std::string& text) {
  size_t end = text.find(". ");
  while (end != std::string::npos && end >= 3 &&
         (text.compare(end - 3, 3, "e.g") == 0 || text.compare(end - 3, 3, "i.e") == 0)) {
    end = text.find(". ", end + 2);
  }
  if (end == std::string::npos || end > 300)
    return text.size() <= 300 ? text : text.substr(0, 300) + "…";
  return text.substr(0, end + 1);
}

std::string Anchor(size_t n) { return "finding-" + std::to_string(n); }

void Title(const Analysis& a, std::string* out) {
  const Manifest& m = a.index.manifest();
  std::string name = !m.context.empty()       ? m.context
                     : !a.bundle.root.empty() ? a.bundle.root
                                              : a.bundle.path;
  *out += "# kubesift report: " + name + "\n\n";
  std::string line;
  if (a.bundle.collected_at) line += "Collected " + *a.bundle.collected_at;
  if (!m.context.empty())
    line += (line.empty() ? "" : " · ") + std::string("context `") + m.context + "`";
  if (!m.kubectl_server.empty()) line += " · Kubernetes " + m.kubectl_server;
  line += (line.empty() ? "" : " · ") + std::string("bundle `") + a.bundle.path + "`";
  *out += line + "\n\n";
}

void Summary(const Analysis& a, std::string* out) {
  SeverityCounts c = CountFindings(a);
  *out += "## Summary\n\n";
  if (a.findings.empty()) {
    *out += "No findings: no rule matched anything in this bundle.";
    if (!a.problems.empty()) {
      *out +=
          " Parts of the bundle could not be read (see [Bundle problems](#bundle-problems)), "
          "so an absent finding there is not proof of health.";
    }
    *out += "\n\n";
    return;
  }
  // Root causes worth a warning lead; when there are none, the informational ones do.
  std::vector<size_t> roots;
  std::vector<Severity> impact(a.findings.size());
  for (size_t i = 0; i < a.findings.size(); ++i) impact[i] = EffectiveSeverity(a.findings, i);
  for (bool with_info : {false, true}) {
    for (size_t i = 0; i < a.findings.size(); ++i) {
      if (a.findings[i].caused_by.empty() && (with_info || impact[i] != Severity::kInfo)) {
        roots.push_back(i);
      }
    }
    if (!roots.empty()) break;
  }
  *out += Count(a.findings.size(), "finding") + ": **" + std::to_string(c.critical) +
          " critical**, " + std::to_string(c.warning) + " warning, " + std::to_string(c.info) +
          " info.";
  if (roots.empty()) {
    *out += "\n\n";
    return;
  }
  if (impact[roots.front()] == Severity::kInfo) {
    *out += " Nothing is at warning or above; for information:\n\n";
  } else {
    *out += " " + std::string(roots.size() == 1 ? "The root cause" : "The root causes") +
            ", most severe first, with the first step of each fix:\n\n";
  }
  std::map<std::string, size_t> number;
  for (size_t i = 0; i < a.findings.size(); ++i) number[a.findings[i].id] = i;
  // One line per root cause; the same cause on several replicas of one workload is one line.
  std::vector<std::vector<size_t>> groups;
  std::map<std::string, size_t> group_of;
  for (size_t i : roots) {
    const Finding& f = a.findings[i];
    std::string key = f.rule + "|" + (f.owner.empty() ? f.subject.Display() : f.owner);
    auto [it, added] = group_of.emplace(key, groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  // Groups rank like findings: by the worst they explain, then by how much they explain.
  auto reach = [&](const std::vector<size_t>& g) {
    std::set<size_t> all;
    std::vector<size_t> todo(g.begin(), g.end());
    while (!todo.empty()) {
      size_t x = todo.back();
      todo.pop_back();
      for (const std::string& id : a.findings[x].explains) {
        if (all.insert(number[id]).second) todo.push_back(number[id]);
      }
    }
    return all.size();
  };
  std::vector<std::pair<int, int64_t>> rank;
  for (const auto& g : groups) {
    rank.emplace_back(-static_cast<int>(impact[g.front()]), -static_cast<int64_t>(reach(g)));
  }
  std::vector<size_t> order(groups.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return rank[x] < rank[y]; });
  std::vector<std::vector<size_t>> sorted_groups;
  for (size_t i : order) sorted_groups.push_back(std::move(groups[i]));
  groups = std::move(sorted_groups);
  for (size_t n = 0; n < groups.size(); ++n) {
    const std::vector<size_t>& g = groups[n];
    const Finding& f = a.findings[g.front()];
    std::string links;
    for (size_t i : g) {
      links += std::string(links.empty() ? "" : ", ") + "[" + std::to_string(i + 1) + "](#" +
               Anchor(i + 1) + ")";
    }
    std::string subject = g.size() == 1 ? f.subject.Display()
                                        : Count(g.size(), Lower(f.subject.kind)) + " of " + f.owner;
    *out += std::to_string(n + 1) + ". **" + Upper(SeverityName(impact[g.front()])) + ": " +
            f.title + "**: " + subject + " (" + links + ")\n";
    *out += "   - Fix: " + FirstSentence(f.fix) + "\n";
    std::set<size_t> explained_direct, all;
    std::vector<size_t> todo(g.begin(), g.end());
    while (!todo.empty()) {
      size_t x = todo.back();
      todo.pop_back();
      for (const std::string& id : a.findings[x].explains) {
        if (std::find(g.begin(), g.end(), x) != g.end()) explained_direct.insert(number[id]);
        if (all.insert(number[id]).second) todo.push_back(number[id]);
      }
    }
    size_t explained = all.size();
    if (explained > 0) {
      *out += "   - Explains " + Count(explained, "finding") + ":";
      size_t shown = 0;
      for (size_t e : explained_direct) {
        if (++shown > 4) {
          *out += " …;";
          break;
        }
        *out += " " + a.findings[e].title + " (" + a.findings[e].subject.Display() + ", [" +
                std::to_string(e + 1) + "](#" + Anchor(e + 1) + "));";
      }
      out->pop_back();
      if (explained > explained_direct.size()) *out += "; and what those explain";
      *out += "\n";
    }
  }
  *out += "\n";
}

void Findings(const Analysis& a, std::string* out) {
  if (a.findings.empty()) return;
  *out += "## Findings\n\n";
  std::map<std::string, size_t> number;
  for (size_t i = 0; i < a.findings.size(); ++i) number[a.findings[i].id] = i + 1;
  for (size_t i = 0; i < a.findings.size(); ++i) {
    const Finding& f = a.findings[i];
    *out += "### <a id=\"" + Anchor(i + 1) + "\"></a>" + std::to_string(i + 1) + ". " +
            Upper(SeverityName(f.severity)) + ": " + f.title + "\n\n";
    *out += "**" + f.subject.Display() + "** · rule `" + f.rule + "` · " + f.category + "\n\n";
    *out += f.message + "\n\n";
    if (!f.caused_by.empty()) {
      *out += "Caused by:";
      for (const std::string& id : f.caused_by) {
        *out += " [" + std::to_string(number[id]) + "](#" + Anchor(number[id]) + ")";
      }
      *out += "\n\n";
    }
    if (!f.explains.empty()) {
      *out += "Explains " + std::to_string(f.explains.size()) + " finding" +
              (f.explains.size() == 1 ? "" : "s") + ":";
      for (const std::string& id : f.explains) {
        *out += " [" + std::to_string(number[id]) + "](#" + Anchor(number[id]) + ")";
      }
      *out += "\n\n";
    }
    if (!f.events.empty()) {
      *out += "Warning events:";
      for (size_t e = 0; e < f.events.size() && e < 5; ++e) {
        *out += std::string(e ? "," : "") + " " + f.events[e].reason + " ×" +
                std::to_string(f.events[e].count);
      }
      if (f.events.size() > 5) *out += ", …";
      *out += " (latest " + f.events.front().reason + ": " +
              Cell(f.events.front().message).substr(0, 200) + ")\n\n";
    }
    if (!f.evidence.empty()) {
      std::string body;
      for (const Evidence& e : f.evidence) {
        body += e.path + (e.line ? ":" + std::to_string(e.line) : "") + "\n    " + e.text + "\n";
      }
      std::string fence = Fence(body);
      *out += "Evidence:\n\n" + fence + "\n" + body + fence + "\n\n";
    }
    if (!f.detail.empty()) {
      std::string fence = Fence(f.detail);
      *out += fence + "diff\n" + f.detail + (f.detail.back() == '\n' ? "" : "\n") + fence + "\n\n";
    }
    *out += "**Fix:** " + f.fix + "\n\n";
  }
}

void ClusterOverview(const Analysis& a, std::string* out) {
  Overview o = BuildOverview(a.index);
  *out += "## Cluster overview\n\n";
  if (!o.nodes.empty()) {
    *out +=
        "### Nodes\n\n| Node | Ready | Roles | Kubelet | Conditions not healthy |\n"
        "|---|---|---|---|---|\n";
    for (const NodeSummary& n : o.nodes) {
      std::string conditions;
      for (const std::string& c : n.conditions) conditions += (conditions.empty() ? "" : ", ") + c;
      if (n.unschedulable) conditions += (conditions.empty() ? "" : ", ") + std::string("cordoned");
      *out += "| " + Cell(n.name) + " | " + n.ready + " | " + Cell(n.roles) + " | " +
              Cell(n.version) + " | " + Cell(conditions) + " |\n";
    }
    *out += "\n";
  }
  if (!o.pods.empty()) {
    std::set<std::string> phases = {"Running", "Pending", "Succeeded", "Failed"};
    for (const auto& [ns, p] : o.pods) {
      for (const auto& [phase, n] : p.by_phase) phases.insert(phase);
    }
    *out += "### Pods by namespace\n\n| Namespace |";
    std::string rule = "|---|";
    for (const std::string& ph : phases) {
      *out += " " + ph + " |";
      rule += "---|";
    }
    *out += "\n" + rule + "\n";
    for (const auto& [ns, p] : o.pods) {
      *out += "| " + Cell(ns.empty() ? "(none)" : ns) + " |";
      for (const std::string& ph : phases) {
        auto it = p.by_phase.find(ph);
        *out +=
            " " + (it == p.by_phase.end() ? std::string("0") : std::to_string(it->second)) + " |";
      }
      *out += "\n";
    }
    *out += "\n";
  }
  if (!o.workloads.empty()) {
    *out += "### Workloads\n\n| Workload | Namespace | Ready / desired |\n|---|---|---|\n";
    for (const WorkloadSummary& w : o.workloads) {
      std::string mark = w.ready < w.desired ? " **(short)**" : "";
      *out += "| " + Cell(w.kind + "/" + w.name) + " | " + Cell(w.ns) + " | " +
              std::to_string(w.ready) + " / " + std::to_string(w.desired) + mark + " |\n";
    }
    *out += "\n";
  }
  ObjectGraph graph(a.index);
  std::vector<ReplicaComparison> replicas = CompareReplicas(a.index, graph);
  if (!replicas.empty()) {
    *out +=
        "### Replicas compared\n\nThe last lines of each replica's log, read together: "
        "lines that only some replicas logged.\n\n";
    for (const ReplicaComparison& c : replicas) {
      *out += "**" + c.workload + "**, container `" + c.container + "` (" +
              std::to_string(c.replicas) + " replicas, " + Count(c.shared_lines, "line") +
              " logged by all):\n\n";
      std::string body;
      for (const ReplicaLine& l : c.uneven) {
        std::string pods;
        for (const std::string& p : l.pods) pods += (pods.empty() ? "" : ", ") + p;
        body += std::to_string(l.pods.size()) + " of " + std::to_string(c.replicas) + " (" + pods +
                "): " + l.text + "\n";
      }
      std::string fence = Fence(body);
      *out += fence + "\n" + body + fence + "\n\n";
    }
  }
  if (!o.restarts.empty()) {
    *out +=
        "### Restarts\n\n| Pod | Container | Restarts | Last termination |\n|---|---|---|---|\n";
    for (const RestartSummary& r : o.restarts) {
      std::string last = r.last_reason.empty()
                             ? ""
                             : r.last_reason + " (exit " + std::to_string(r.last_exit_code) + ")";
      *out += "| " + Cell(r.ns + "/" + r.pod) + " | " + Cell(r.container) + " | " +
              std::to_string(r.restarts) + " | " + Cell(last) + " |\n";
    }
    *out += "\n";
  }
}

void Timeline(const Analysis& a, std::string* out) {
  std::vector<TimelineEntry> entries = BuildTimeline(a.index, a.findings, a.now);
  if (entries.empty()) return;
  *out +=
      "## Timeline\n\nWarning events, container terminations, node condition changes and "
      "the log lines cited above, oldest first (the latest 40).\n\n"
      "| Time | Subject | What happened | Where |\n|---|---|---|---|\n";
  for (const TimelineEntry& e : entries) {
    std::string when = e.when.empty() && a.bundle.collected_at ? *a.bundle.collected_at : e.when;
    *out += "| " + Cell(when) + " | " + Cell(e.subject) + " | " + Cell(e.what) + " | " +
            (e.where.empty() ? "" : Code(e.where)) + " |\n";
  }
  *out += "\n";
}

void BundleSection(const Analysis& a, std::string* out) {
  const BundleInfo& b = a.bundle;
  const Manifest& m = a.index.manifest();
  *out += "## Bundle\n\n";
  *out += "- Read: `" + b.path + "` (" + b.container + ", format " + b.format +
          (b.root.empty() ? "" : ", top folder `" + b.root + "`") + "), " +
          std::to_string(b.entries) + " entries, " + HumanBytes(b.bytes) + " uncompressed\n";
  if (m.present) {
    *out += "- Collected by kubesift-collect " +
            (m.collector_version.empty() ? "?" : m.collector_version);
    if (!m.started.empty()) *out += " from " + m.started + " to " + m.finished;
    if (!m.kubectl_client.empty()) *out += ", kubectl " + m.kubectl_client;
    *out += "\n";
  } else if (b.format == "kubesift") {
    *out += "- No manifest.json: what was collected, and what failed, is unknown\n";
  }
  size_t logs = 0, previous = 0, journals = 0, facts = 0;
  for (const TextSource& s : a.index.text_sources()) {
    logs += s.kind == SourceKind::kPodLog;
    previous += s.kind == SourceKind::kPreviousLog;
    journals += s.kind == SourceKind::kJournal;
    facts += s.kind == SourceKind::kHostFact;
  }
  if (b.format == "troubleshoot") {
    *out += "- A troubleshoot.sh support bundle: pod logs are there only for the pods its "
            "collectors chose (by default the unhealthy ones), host journals only if host "
            "collectors ran, and there is no record of the collection time, so an absent "
            "finding is not proof of health\n";
  } else if (b.format == "generic") {
    *out += "- A folder of Kubernetes resources without a manifest: there are no logs or "
            "journals unless the folder holds them, and what failed to be collected is unknown\n";
  }
  if (b.not_interpreted > 0) {
    *out += "- " + Count(b.not_interpreted, "file") +
            " of the bundle's own collectors were not interpreted (outputs kubesift does not read)\n";
  }
  *out += "- Contents: " + std::to_string(a.index.resource_files().size()) + " resource files (" +
          std::to_string(a.index.objects().size()) + " objects), " + Count(logs, "pod log") + ", " +
          Count(previous, "previous log") + ", " + Count(journals, "journal") + ", " +
          Count(facts, "host fact") + "\n";
  if (!m.redactions.empty()) {
    *out += "- Redacted at collection:";
    bool first = true;
    for (const auto& [pattern, n] : m.redactions) {
      *out += std::string(first ? " " : ", ") + pattern + " ×" + std::to_string(n);
      first = false;
    }
    *out += "\n";
  }
  *out += "\n";
  std::vector<std::string> cut;
  for (const CommandRecord& c : m.commands) {
    if (c.truncated && !c.output.empty()) cut.push_back(c.output);
  }
  if (!cut.empty()) {
    *out += "- Cut at collection to the newest part (a size limit): ";
    for (size_t i = 0; i < cut.size(); ++i) *out += (i ? ", " : "") + Code(cut[i]);
    *out += "\n\n";
  }
  std::vector<const CommandRecord*> failed;
  for (const CommandRecord& c : m.commands) {
    // A command that wrote nothing collected nothing; one that exited non-zero but wrote its
    // output (`systemctl status` of a stopped unit exits 3) did collect.
    if (c.output.empty()) failed.push_back(&c);
  }
  if (!failed.empty()) {
    *out +=
        "### Not collected\n\nThese commands failed, so what they would have collected is "
        "unknown (not absent):\n\n| Command | Exit | Error |\n|---|---|---|\n";
    for (const CommandRecord* c : failed) {
      std::string argv;
      for (const std::string& arg : c->argv) argv += (argv.empty() ? "" : " ") + arg;
      std::string err = c->stderr_excerpt.substr(0, 200);
      *out += "| " + Code(argv) + " | " + std::to_string(c->exit_code) + " | " + Cell(err) + " |\n";
    }
    *out += "\n";
  }
  if (!a.problems.empty()) {
    *out += "### Bundle problems\n\n" + std::to_string(a.problems.size()) + " part" +
            (a.problems.size() == 1 ? "" : "s") +
            " of the bundle could not be read as intended; everything else was analysed.\n\n"
            "| Where | Problem |\n|---|---|\n";
    for (const Problem& p : a.problems) {
      std::string where = p.path.empty() ? "(bundle)" : p.path;
      if (p.line) where += ":" + std::to_string(p.line);
      if (p.column) where += ":" + std::to_string(p.column);
      *out += "| " + Code(where) + " | " + Cell(p.error) + " |\n";
    }
    *out += "\n";
  }
}

}  // namespace

std::string WriteMarkdown(const Analysis& analysis) {
  std::string out;
  Title(analysis, &out);
  Summary(analysis, &out);
  Findings(analysis, &out);
  Timeline(analysis, &out);
  ClusterOverview(analysis, &out);
  BundleSection(analysis, &out);
  out += "---\nkubesift " + std::string(kVersion) + "\n";
  return out;
}

std::string WriteStats(const Analysis& a) {
  const StageTimes& t = a.times;
  auto rate = [](uint64_t bytes, double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f MB/s", s > 0 ? bytes / 1048576.0 / s : 0.0);
    return std::string(buf);
  };
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "stage      seconds   detail\n"
                "read       %7.3f   %llu entries, %s from the container, %s uncompressed\n"
                "parse      %7.3f   %llu resource files, %s, %llu objects (%s)\n"
                "scan       %7.3f   %llu text files, %s (%s), %zu hits\n"
                "evaluate   %7.3f   %zu rules, %zu resource matches, %zu event messages\n"
                "report     %7.3f\n",
                t.read_seconds, static_cast<unsigned long long>(a.bundle.entries),
                HumanBytes(t.archive_bytes).c_str(), HumanBytes(a.bundle.bytes).c_str(),
                t.parse_seconds, static_cast<unsigned long long>(t.resource_files),
                HumanBytes(t.resource_bytes).c_str(), static_cast<unsigned long long>(t.objects),
                rate(t.resource_bytes, t.parse_seconds).c_str(), t.scan_seconds,
                static_cast<unsigned long long>(t.text_files), HumanBytes(t.text_bytes).c_str(),
                rate(t.text_bytes, t.scan_seconds).c_str(), t.evaluation.text_hits,
                t.evaluate_seconds, t.evaluation.rules, t.evaluation.resource_matches,
                t.evaluation.event_messages_scanned, t.report_seconds);
  return buf;
}

}  // namespace kubesift
