#include "rules/engine.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "rules/builtin_checks.h"

namespace kubesift {
namespace {

constexpr size_t kMaxEvidence = 6;

// What a template can refer to besides paths: filled per finding.
struct TemplateContext {
  const Object* object = nullptr;
  NodeRef item;
  std::map<std::string, std::string> vars;
};

std::string ValueText(NodeRef node) {
  if (!node.valid() || node.IsNull()) return "";
  if (node.IsScalar()) return std::string(node.Str());
  std::string out;
  for (NodeRef child : node) {
    if (!out.empty()) out += ", ";
    out +=
        child.key().empty() ? ValueText(child) : std::string(child.key()) + ": " + ValueText(child);
  }
  return out;
}

std::string Render(const std::string& tmpl, const TemplateContext& ctx) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t open = tmpl.find('{', i);
    size_t close = open == std::string::npos ? open : tmpl.find('}', open);
    if (close == std::string::npos) {
      out.append(tmpl, i);
      break;
    }
    out.append(tmpl, i, open - i);
    std::string name = tmpl.substr(open + 1, close - open - 1);
    // Only `{name}` and `{a.b[*].c}` are variables; jsonpath in a fix (`{.spec.selector}`) and
    // other braces stay as written.
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_') ||
        name.find_first_of(" '\"{") != std::string::npos) {
      out.append(tmpl, open, close - open + 1);
      i = close + 1;
      continue;
    }
    std::string value;
    if (auto it = ctx.vars.find(name); it != ctx.vars.end()) {
      value = it->second;
    } else if (ctx.object) {
      Path path;
      std::string error;
      if (ParsePath(name, &path, &error)) {
        std::vector<NodeRef> nodes;
        Resolve(path, ctx.object->node, ctx.item, &nodes);
        for (NodeRef n : nodes) {
          std::string t = ValueText(n);
          if (t.empty()) continue;
          value += (value.empty() ? "" : ", ") + t;
        }
      }
    }
    out += value.empty() ? "<none>" : value;
    i = close + 1;
  }
  return out;
}

void AddEvidence(std::vector<Evidence>* list, Evidence e) {
  for (const Evidence& have : *list) {
    if (have.path == e.path && have.line == e.line) return;
  }
  if (list->size() < kMaxEvidence) list->push_back(std::move(e));
}

Subject SubjectOf(const Object& o) { return {o.kind, o.ns, o.name}; }

// The object an event is about: by UID when the bundle holds it (a pod deleted and recreated
// under the same name is a different object), else by kind, namespace and name.
Subject EventSubject(const Index& index, const Object& event) {
  NodeRef io = event.node["involvedObject"];
  if (!io.valid()) io = event.node["regarding"];  // events.k8s.io/v1
  if (const Object* o = index.FindByUid(io["uid"].Str())) return SubjectOf(*o);
  Subject s{std::string(io["kind"].Str()), std::string(io["namespace"].Str()),
            std::string(io["name"].Str())};
  if (s.kind.empty() || s.name.empty()) return SubjectOf(event);
  return s;
}

double EventCount(const Object& event) {
  auto n = event.node["count"].Number();
  if (!n) n = event.node["series"]["count"].Number();
  return n && *n > 0 ? *n : 1;
}

std::string EventTime(const Object& event) {
  for (const char* field : {"lastTimestamp", "eventTime", "firstTimestamp"}) {
    std::string_view t = event.node[field].Str();
    if (!t.empty()) return std::string(t);
  }
  return std::string(event.node["metadata"]["creationTimestamp"].Str());
}

// One finding in the making, keyed by (rule, subject).
struct Draft {
  const Rule* rule = nullptr;
  Subject subject;
  TemplateContext context;
  std::string context_time;  // events: the latest event supplies the template values
  std::vector<Evidence> evidence;
  std::string detail;
  double count = 0;
  bool matched_resource = false;
  bool matched_text = false;
  uint64_t text_hits = 0;
};

using DraftKey = std::pair<const Rule*, std::string>;

class Evaluator {
 public:
  Evaluator(const Index& index, const ObjectGraph& graph, const CompiledRules& rules, double now,
            EvaluationStats* stats)
      : index_(index), graph_(graph), rules_(rules), now_(now), stats_(stats) {}

  std::vector<Finding> Run(const HitTable& hits) {
    for (const Rule& rule : rules_.rules()) {
      if (rule.match) MatchResources(rule);
      if (!rule.check.empty()) RunCheck(rule);
    }
    CollectTextHits(hits);
    ScanEvents();
    return Finish();
  }

 private:
  Draft& DraftFor(const Rule& rule, const Subject& subject) {
    std::string key = subject.kind + "/" + subject.ns + "/" + subject.name;
    Draft& d = drafts_[{&rule, key}];
    if (!d.rule) {
      d.rule = &rule;
      d.subject = subject;
    }
    return d;
  }

  void MatchResources(const Rule& rule) {
    const RuleMatch& m = *rule.match;
    bool is_event = m.kind == "Event";
    for (const Object* obj : index_.OfKind(m.kind)) {
      EvalContext ctx{obj->node, NodeRef(), now_};
      std::vector<NodeRef> items;
      if (m.each) {
        Resolve(*m.each, obj->node, NodeRef(), &items);
      } else {
        items.emplace_back();
      }
      std::vector<NodeRef> matched;
      std::vector<NodeRef> witnesses;
      for (NodeRef item : items) {
        ctx.item = item;
        size_t mark = witnesses.size();
        if (m.where.Evaluate(ctx, &witnesses)) {
          matched.push_back(item);
          if (witnesses.size() == mark && item.valid()) witnesses.push_back(item);
        }
      }
      if (matched.empty()) continue;
      ++stats_->resource_matches;
      Subject subject = is_event ? EventSubject(index_, *obj) : SubjectOf(*obj);
      Draft& d = DraftFor(rule, subject);
      d.matched_resource = true;
      std::string time = is_event ? EventTime(*obj) : "";
      if (!d.context.object || time > d.context_time) {
        d.context.object = obj;
        d.context.item = matched.front();
        d.context_time = time;
      }
      d.count += is_event ? EventCount(*obj) : static_cast<double>(matched.size());
      if (witnesses.empty()) witnesses.push_back(obj->node);
      for (NodeRef w : witnesses) AddEvidence(&d.evidence, EvidenceAt(index_, *obj, w));
    }
  }

  void RunCheck(const Rule& rule) {
    BuiltinCheck check = FindBuiltinCheck(rule.check);
    if (!check) return;  // the loader already reported it
    std::vector<CheckResult> results;
    check(CheckContext{index_, graph_, now_}, &results);
    for (CheckResult& r : results) {
      Draft& d = DraftFor(rule, r.subject);
      d.matched_resource = true;
      d.context.object = r.object;
      for (auto& [k, v] : r.vars) d.context.vars[k] = v;
      d.count += 1;
      for (Evidence& e : r.evidence) AddEvidence(&d.evidence, std::move(e));
      if (!r.detail.empty()) d.detail += (d.detail.empty() ? "" : "\n") + r.detail;
    }
  }

  void AddTextHit(const Rule& rule, const Subject& subject, const TextSource* source,
                  const Object* object, const HitCount& hit, const std::string& path) {
    Draft& d = DraftFor(rule, subject);
    d.matched_text = true;
    d.text_hits += hit.count;
    if (!d.context.object && object) d.context.object = object;
    auto& vars = d.context.vars;
    if (!vars.count("example")) vars["example"] = hit.first.text;
    if (source) {
      if (!source->container.empty() && !vars.count("container"))
        vars["container"] = source->container;
      if (!source->unit.empty() && !vars.count("unit")) vars["unit"] = source->unit;
      if (!source->node.empty()) vars["node"] = source->node;
    }
    AddEvidence(&d.evidence, {path, hit.first.line, hit.first.text});
    if (hit.count > 1) AddEvidence(&d.evidence, {path, hit.last.line, hit.last.text});
  }

  void CollectTextHits(const HitTable& hits) {
    const auto& sources = index_.text_sources();
    for (const auto& [key, hit] : hits) {
      const auto& [pattern, source_index] = key;
      if (source_index >= sources.size()) continue;
      const TextSource& src = sources[source_index];
      const Rule& rule = rules_.RuleOfPattern(pattern);
      stats_->text_hits += hit.count;
      Subject subject;
      const Object* object = nullptr;
      if (src.kind == SourceKind::kPodLog || src.kind == SourceKind::kPreviousLog) {
        subject = {"Pod", src.ns, src.pod};
        object = index_.Find("Pod", src.ns, src.pod);
      } else {
        subject = {"Node", "", src.node};
        object = index_.Find("Node", "", src.node);
      }
      AddTextHit(rule, subject, &src, object, hit, src.path);
    }
  }

  // Event messages go through the same pattern database as logs, for patterns that name the
  // `event` source. Each message is one line; the evidence is its line in the events file.
  void ScanEvents() {
    const PatternDatabase* db = rules_.patterns();
    if (!db) return;
    bool wanted = false;
    for (const PatternSpec& p : db->patterns()) {
      wanted = wanted || p.sources.empty();
      for (const SourceFilter& f : p.sources) wanted = wanted || f.kind == SourceKind::kEvent;
    }
    if (!wanted) return;
    LineScanner scanner(db);
    TextSource source;
    source.kind = SourceKind::kEvent;
    std::vector<const Object*> events = index_.OfKind("Event");
    for (uint32_t i = 0; i < events.size(); ++i) {
      NodeRef message = events[i]->node["message"];
      if (!message.IsScalar()) continue;
      scanner.ScanLine(&source, i, message.Str());
      ++stats_->event_messages_scanned;
    }
    for (const auto& [key, hit] : scanner.hits()) {
      const Object& event = *events[key.second];
      const Rule& rule = rules_.RuleOfPattern(key.first);
      NodeRef message = event.node["message"];
      HitCount at_line = hit;
      at_line.first = {message.line(), std::string(index_.LineText(*event.path, message.line()))};
      at_line.last = at_line.first;
      at_line.count = static_cast<uint64_t>(EventCount(event));
      Subject subject = EventSubject(index_, event);
      const Object* object = index_.Find(subject.kind, subject.ns, subject.name);
      Draft& d = DraftFor(rule, subject);
      if (!d.context.vars.count("reason")) d.context.vars["reason"] = event.node["reason"].Str();
      d.context.vars["message"] = std::string(message.Str());
      AddTextHit(rule, subject, nullptr, object ? object : &event, at_line, *event.path);
    }
  }

  // Warning events per subject, aggregated by reason with their total count: the event history
  // of each finding's subject, not only the latest event.
  std::map<std::string, std::vector<EventSummary>> EventsBySubject() {
    std::map<std::string, std::map<std::string, EventSummary>> by;
    for (const Object* e : index_.OfKind("Event")) {
      if (e->node["type"].Str() != "Warning") continue;
      Subject s = EventSubject(index_, *e);
      EventSummary& sum =
          by[s.kind + "/" + s.ns + "/" + s.name][std::string(e->node["reason"].Str())];
      sum.reason = e->node["reason"].Str();
      sum.count += static_cast<uint64_t>(EventCount(*e));
      std::string last = EventTime(*e);
      if (last >= sum.last) {
        sum.last = last;
        sum.message = e->node["message"].Str();
      }
    }
    std::map<std::string, std::vector<EventSummary>> out;
    for (auto& [key, reasons] : by) {
      for (auto& [reason, sum] : reasons) out[key].push_back(std::move(sum));
      std::stable_sort(out[key].begin(), out[key].end(),
                       [](const auto& a, const auto& b) { return a.count > b.count; });
    }
    return out;
  }

  std::vector<Finding> Finish() {
    std::map<std::string, std::vector<EventSummary>> events = EventsBySubject();
    std::vector<Finding> findings;
    for (auto& [key, d] : drafts_) {
      const Rule& rule = *d.rule;
      bool has_resource_part = rule.match.has_value() || !rule.check.empty();
      bool has_text_part = !rule.patterns.empty();
      if (has_resource_part && !d.matched_resource) continue;
      if (has_text_part && !d.matched_text) continue;
      if (has_text_part && d.text_hits < rule.min_count) continue;
      double count =
          has_text_part && !has_resource_part ? static_cast<double>(d.text_hits) : d.count;
      d.context.vars["count"] = std::to_string(static_cast<uint64_t>(count));
      d.context.vars["hits"] = std::to_string(d.text_hits);
      d.context.vars["subject"] = d.subject.Display();
      d.context.vars["kind"] = d.subject.kind;
      d.context.vars["name"] = d.subject.name;
      d.context.vars["namespace"] = d.subject.ns;
      if (!d.context.vars.count("node") && d.subject.kind == "Node") {
        d.context.vars["node"] = d.subject.name;
      }
      Finding f;
      f.rule = rule.id;
      f.severity = rule.severity;
      f.category = rule.category;
      f.title = rule.title;
      f.subject = d.subject;
      f.id = FindingId(rule.id, d.subject);
      f.message = Render(rule.message, d.context);
      f.fix = Render(rule.fix, d.context);
      f.evidence = std::move(d.evidence);
      if (auto it = events.find(key.second); it != events.end()) f.events = it->second;
      f.detail = std::move(d.detail);
      findings.push_back(std::move(f));
    }
    return findings;
  }

  const Index& index_;
  const ObjectGraph& graph_;
  const CompiledRules& rules_;
  double now_;
  EvaluationStats* stats_;
  std::map<DraftKey, Draft> drafts_;
};

}  // namespace

CompiledRules CompiledRules::Compile(RuleSet set) {
  CompiledRules out;
  out.errors_ = std::move(set.errors);
  for (Rule& r : set.rules) {
    if (!r.check.empty() && !FindBuiltinCheck(r.check)) {
      std::string hint = DidYouMean(r.check, BuiltinCheckNames());
      out.errors_.push_back({r.origin, r.line, 0,
                             "unknown built-in check '" + r.check + "'" +
                                 (hint.empty() ? "" : " (did you mean '" + hint + "'?)")});
      continue;
    }
    out.rules_.push_back(std::move(r));
  }
  // One database for every pattern of every rule. Each pattern was compiled alone at load, so
  // a failure here is rare (e.g. combined size); drop the rule it names and try again.
  for (;;) {
    std::vector<PatternSpec> specs;
    out.pattern_rule_.clear();
    for (uint32_t i = 0; i < out.rules_.size(); ++i) {
      for (const RulePattern& p : out.rules_[i].patterns) {
        specs.push_back(p.spec);
        out.pattern_rule_.push_back(i);
      }
    }
    std::string error;
    int failed = -1;
    out.patterns_ = PatternDatabase::Compile(std::move(specs), &error, &failed);
    if (out.patterns_) break;
    if (failed < 0 || static_cast<size_t>(failed) >= out.pattern_rule_.size()) {
      out.errors_.push_back({"", 0, 0, "rule patterns do not compile together: " + error});
      out.rules_.clear();
      continue;
    }
    Rule& bad = out.rules_[out.pattern_rule_[failed]];
    out.errors_.push_back({bad.origin, bad.line, 0, "pattern does not compile: " + error});
    out.rules_.erase(out.rules_.begin() + out.pattern_rule_[failed]);
  }
  return out;
}

const Rule* CompiledRules::Find(std::string_view id) const {
  for (const Rule& r : rules_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::vector<Finding> Evaluate(const Index& index, const ObjectGraph& graph, const HitTable& hits,
                              const CompiledRules& rules, double now, EvaluationStats* stats) {
  EvaluationStats local;
  if (!stats) stats = &local;
  stats->rules = rules.rules().size();
  Evaluator evaluator(index, graph, rules, now, stats);
  std::vector<Finding> findings = evaluator.Run(hits);
  SortFindings(&findings);
  return findings;
}

}  // namespace kubesift
