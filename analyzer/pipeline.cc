#include "pipeline.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "bundle/layout.h"
#include "graph/correlate.h"
#include "graph/object_graph.h"
#include "scan/scanner.h"

namespace kubesift {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// "reading bundle: 1,234 entries, 456 MB" on stderr, redrawn at most four times a second.
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled) {}
  ~ProgressLine() { Clear(); }
  void Update(uint64_t entries, uint64_t bytes) {
    if (!enabled_ || Seconds(last_) < 0.25) return;
    last_ = Clock::now();
    std::fprintf(stderr, "\rreading bundle: %llu entries, %llu MB ",
                 static_cast<unsigned long long>(entries),
                 static_cast<unsigned long long>(bytes >> 20));
    shown_ = true;
  }
  void Clear() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
    shown_ = false;
  }

 private:
  bool enabled_;
  bool shown_ = false;
  Clock::time_point last_ = Clock::now();
};

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

void ReadManifest(const std::string& path, std::string& text, Manifest* m, Problems* problems) {
  ParsedResources parsed;
  ParseJson(path, text, ParseLimits{}, &parsed);
  for (Problem& p : parsed.problems) problems->push_back(std::move(p));
  if (parsed.documents.empty()) return;
  NodeRef root = parsed.documents.front()->root();
  if (!root.IsMap()) {
    problems->push_back({path, 1, 0, "manifest is not a JSON object"});
    return;
  }
  m->present = true;
  m->path = path;
  m->format = root["format"].Str();
  m->collector_version = root["collector"]["version"].Str();
  m->started = root["started"].Str();
  m->finished = root["finished"].Str();
  m->context = root["context"].Str();
  m->kubectl_client = root["kubectl"]["client"].Str();
  m->kubectl_server = root["kubectl"]["server"].Str();
  for (NodeRef ns : root["namespaces"]) m->namespaces.emplace_back(ns.Str());
  for (NodeRef c : root["commands"]) {
    CommandRecord rec;
    for (NodeRef a : c["argv"]) rec.argv.emplace_back(a.Str());
    rec.exit_code = static_cast<int>(c["exit_code"].Number().value_or(0));
    rec.duration_ms = c["duration_ms"].Number().value_or(0);
    rec.stderr_excerpt = c["stderr"].Str();
    rec.output = c["output"].Str();
    rec.truncated = c["truncated"].Bool().value_or(false);
    m->commands.push_back(std::move(rec));
  }
  for (NodeRef r : root["redactions"]) {
    m->redactions[std::string(r.key())] = static_cast<int64_t>(r.Number().value_or(0));
  }
  if (!m->format.empty() && m->format != "kubesift-bundle/v1") {
    problems->push_back({path, root["format"].line(), 0,
                         "unknown bundle format '" + m->format + "'; reading it as v1"});
  }
}

class Ingest {
 public:
  Ingest(const AnalyzeOptions& options, const CompiledRules& rules, Analysis* out)
      : options_(options), out_(out), scanner_(rules.patterns()), progress_(options.progress) {}

  const HitTable& hits() { return scanner_.hits(); }

  bool Run(BundleSource& source, std::string* error) {
    auto start = Clock::now();
    bool complete = source.ForEachEntry(
        [this](const EntryInfo& info, EntryStream& stream) { Visit(info, stream); }, nullptr,
        &out_->problems);
    ResolveLinks(source);
    out_->bundle.container = source.container();
    out_->bundle.root = root_;
    out_->bundle.format = out_->index.manifest().present || native_entries_ > 0 ? "kubesift"
                          : troubleshoot_entries_ > 0                           ? "troubleshoot"
                                                                                : "generic";
    // A troubleshoot.sh bundle holds many collectors' outputs kubesift does not read; in our
    // own layout an unexpected file is worth a word.
    for (const std::string& path : unknown_) {
      if (out_->bundle.format == "troubleshoot") {
        ++out_->bundle.not_interpreted;
      } else {
        out_->problems.push_back({path, 0, 0, "not part of the bundle layout; ignored"});
      }
    }
    ReadDeferred(source);
    progress_.Clear();
    StageTimes& t = out_->times;
    t.read_seconds = Seconds(start) - t.parse_seconds - t.scan_seconds;
    t.archive_bytes = source.bytes_read();
    RelativizeProblems();
    if (read_anything_) return true;
    *error =
        options_.bundle_path + ": nothing could be read as a bundle" +
        (complete ? " (no resources, logs or manifest found)" : " (the archive is unreadable)");
    for (const Problem& p : out_->problems) {
      if (p.path.empty()) {
        *error = options_.bundle_path + ": " + p.error;
        break;
      }
    }
    return false;
  }

 private:
  void Visit(const EntryInfo& info, EntryStream& stream) {
    ++out_->bundle.entries;
    progress_.Update(out_->bundle.entries, out_->bundle.bytes);
    if (info.type == EntryType::kDirectory) return;
    if (EscapesBundle(info.path)) {
      out_->problems.push_back(
          {info.path, 0, 0, "entry path is absolute or climbs out with '..'; not read"});
      return;
    }
    if (info.type == EntryType::kSymlink || info.type == EntryType::kHardlink) {
      links_.push_back(info);
      return;
    }
    if (info.type == EntryType::kOther) {
      out_->problems.push_back(
          {info.path, 0, 0, "not a regular file (device, FIFO or socket); skipped"});
      return;
    }
    if (!seen_files_.insert(info.path).second) {
      out_->problems.push_back(
          {info.path, 0, 0, "duplicate entry; the first copy was read, this one skipped"});
      return;
    }
    EntryClass cls = ClassifyEntry(info.path, root_);
    Consume(cls, info.path, stream);
  }

  void Consume(const EntryClass& cls, const std::string& stored_path, EntryStream& stream) {
    if (!cls.root.empty() && root_.empty() && cls.role != EntryRole::kUnknown) root_ = cls.root;
    if (cls.format == BundleFormat::kKubesift) ++native_entries_;
    if (cls.format == BundleFormat::kTroubleshoot) ++troubleshoot_entries_;
    switch (cls.role) {
      case EntryRole::kManifest: {
        std::string text;
        if (ReadWhole(stream, cls.rel, &text)) {
          ReadManifest(cls.rel, text, &out_->index.manifest(), &out_->problems);
          read_anything_ = true;
        }
        return;
      }
      case EntryRole::kResource:
        // A YAML or JSON file outside any known layout is read only once the bundle turns out
        // to be a plain folder of kubectl output; in a troubleshoot.sh bundle it is a
        // collector's own output (a database check, an HTTP probe), not Kubernetes objects.
        if (cls.format == BundleFormat::kGeneric && !reading_deferred_) {
          deferred_.push_back(stored_path);
          return;
        }
        ReadResources(cls, stream);
        return;
      case EntryRole::kPodLog:
      case EntryRole::kPreviousLog:
      case EntryRole::kJournal:
      case EntryRole::kHostFact:
        ScanText(cls, stream);
        return;
      case EntryRole::kNotCollected: {
        // The producer's own record of a failure: what it names was not collected, which is
        // not the same as absent from the cluster.
        std::string text;
        stream.ReadAll(&text, 4096);
        out_->bundle.bytes += text.size();
        CommandRecord rec;
        rec.argv = {cls.rel};
        rec.exit_code = 1;
        rec.stderr_excerpt = text.substr(0, 300);
        out_->index.manifest().commands.push_back(std::move(rec));
        return;
      }
      case EntryRole::kFormatMarker:
        read_anything_ = true;
        return;
      case EntryRole::kIgnored:
        ++out_->bundle.not_interpreted;
        return;
      case EntryRole::kUnknown:
        unknown_.push_back(stored_path);
        return;
    }
  }

  bool ReadWhole(EntryStream& stream, const std::string& rel, std::string* text) {
    bool whole = stream.ReadAll(text, options_.max_resource_bytes);
    out_->bundle.bytes += text->size();
    if (!whole && stream.error().empty()) {
      out_->problems.push_back({rel, 0, 0,
                                "larger than " + std::to_string(options_.max_resource_bytes) +
                                    " bytes; only the first part was read"});
    }
    return !text->empty() || whole;
  }

  void ReadResources(const EntryClass& cls, EntryStream& stream) {
    std::string text;
    if (!ReadWhole(stream, cls.rel, &text)) return;
    auto start = Clock::now();
    ParsedResources parsed;
    std::string hint = KindForTypeName(cls.type_name);
    ParseResourceText(cls.rel, text, hint, options_.parse_limits, &parsed);
    for (Problem& p : parsed.problems) out_->problems.push_back(std::move(p));
    StageTimes& t = out_->times;
    t.resource_bytes += text.size();
    ++t.resource_files;
    t.objects += parsed.objects.size();
    if (parsed.documents_read > 0) read_anything_ = true;
    out_->index.AddResources(cls.rel, std::move(parsed), std::move(text), hint);
    t.parse_seconds += Seconds(start);
  }

  void ScanText(const EntryClass& cls, EntryStream& stream) {
    TextSource source;
    source.path = cls.rel;
    source.ns = cls.ns;
    source.pod = cls.pod;
    source.container = cls.container;
    source.node = cls.node;
    source.unit = cls.unit;
    source.fact = cls.fact;
    source.kind = cls.role == EntryRole::kPodLog        ? SourceKind::kPodLog
                  : cls.role == EntryRole::kPreviousLog ? SourceKind::kPreviousLog
                  : cls.role == EntryRole::kJournal     ? SourceKind::kJournal
                                                        : SourceKind::kHostFact;
    // Replicas' logs are compared line by line in the report, so pod logs keep more of their end.
    if (source.kind == SourceKind::kPodLog) source.tail_lines = 100;
    auto index = static_cast<uint32_t>(out_->index.text_sources().size());
    scanner_.Begin(&source, index);
    std::string_view chunk;
    double scan = 0;
    while (stream.Next(&chunk)) {
      auto start = Clock::now();
      scanner_.Feed(chunk);
      scan += Seconds(start);
      out_->bundle.bytes += chunk.size();
      progress_.Update(out_->bundle.entries, out_->bundle.bytes);
    }
    if (!stream.error().empty()) source.truncated = true;
    scanner_.Finish();
    out_->times.scan_seconds += scan;
    out_->times.text_bytes += source.bytes;
    ++out_->times.text_files;
    out_->index.AddTextSource(std::move(source));
    read_anything_ = true;
  }

  void ReadDeferred(BundleSource& source) {
    if (deferred_.empty()) return;
    if (out_->bundle.format == "generic") {
      std::unordered_set<std::string> only(deferred_.begin(), deferred_.end());
      reading_deferred_ = true;
      source.ForEachEntry(
          [&](const EntryInfo& info, EntryStream& stream) {
            if (info.type == EntryType::kFile)
              Consume(ClassifyEntry(info.path, root_), info.path, stream);
          },
          &only, &out_->problems);
      reading_deferred_ = false;
      return;
    }
    for (const std::string& path : deferred_) {
      std::string rel =
          !root_.empty() && path.starts_with(root_ + "/") ? path.substr(root_.size() + 1) : path;
      if (out_->bundle.format == "troubleshoot" && rel.find("-errors") != std::string::npos) {
        CommandRecord rec;  // a collector that failed (e.g. secrets-errors/<ns>/<name>.json)
        rec.argv = {rel};
        rec.exit_code = 1;
        rec.stderr_excerpt = "the collector recorded an error here";
        out_->index.manifest().commands.push_back(std::move(rec));
      } else if (out_->bundle.format == "troubleshoot") {
        ++out_->bundle.not_interpreted;
      } else {
        out_->problems.push_back({path, 0, 0, "not part of the bundle layout; ignored"});
      }
    }
  }

  // Links are resolved after the first pass, when every entry's path is known; the targets
  // that are needed are then read in a second pass under the link's own name.
  void ResolveLinks(BundleSource& source) {
    if (links_.empty()) return;
    std::unordered_map<std::string, const EntryInfo*> by_path;
    for (const EntryInfo& l : links_) by_path[l.path] = &l;
    std::map<std::string, std::vector<std::string>> wanted;  // target → link paths
    for (const EntryInfo& link : links_) {
      std::string target;
      if (!Follow(link, by_path, &target)) continue;
      EntryClass cls = ClassifyEntry(link.path, root_);
      if (cls.role == EntryRole::kUnknown || cls.role == EntryRole::kIgnored) continue;
      if (!seen_files_.count(target)) {
        out_->problems.push_back(
            {link.path, 0, 0, "link target " + target + " is not in the bundle"});
        continue;
      }
      // The same file under its own name was already read in its own role: only read it again
      // when the link gives it a role the target's path does not have.
      if (ClassifyEntry(target, root_).role == cls.role) continue;
      wanted[target].push_back(link.path);
    }
    if (wanted.empty()) return;
    std::unordered_set<std::string> only;
    for (const auto& [target, paths] : wanted) only.insert(target);
    source.ForEachEntry(
        [&](const EntryInfo& info, EntryStream& stream) {
          auto it = wanted.find(info.path);
          if (it == wanted.end() || info.type != EntryType::kFile) return;
          std::string content;
          stream.ReadAll(&content, options_.max_resource_bytes);
          for (const std::string& link_path : it->second) {
            StringStream copy(content);
            Consume(ClassifyEntry(link_path, root_), link_path, copy);
          }
        },
        &only, &out_->problems);
  }

  bool Follow(const EntryInfo& link,
              const std::unordered_map<std::string, const EntryInfo*>& by_path,
              std::string* target) {
    const EntryInfo* current = &link;
    for (int hops = 0; hops < 16; ++hops) {
      std::string next;
      if (current->type == EntryType::kHardlink) {
        next = current->link_target;
      } else {
        if (!current->link_target.empty() && current->link_target.front() == '/') {
          out_->problems.push_back({link.path, 0, 0,
                                    "symlink to absolute path " + current->link_target +
                                        " points outside the bundle; not followed"});
          return false;
        }
        std::string dir = DirName(current->path);
        next = NormalizePath((dir.empty() ? "" : dir + "/") + current->link_target);
      }
      if (EscapesBundle(next)) {
        out_->problems.push_back(
            {link.path, 0, 0,
             "link to " + current->link_target + " points outside the bundle; not followed"});
        return false;
      }
      auto it = by_path.find(next);
      if (it == by_path.end()) {
        *target = next;
        return true;
      }
      current = it->second;
    }
    out_->problems.push_back({link.path, 0, 0, "symlink loop; not followed"});
    return false;
  }

  void RelativizeProblems() {
    if (root_.empty()) return;
    std::string prefix = root_ + "/";
    for (Problem& p : out_->problems) {
      if (p.path.starts_with(prefix) && !EscapesBundle(p.path)) p.path.erase(0, prefix.size());
    }
  }

  class StringStream : public EntryStream {
   public:
    explicit StringStream(const std::string& text) : text_(text) {}
    bool Next(std::string_view* chunk) override {
      if (done_) return false;
      done_ = true;
      *chunk = text_;
      return !text_.empty();
    }
    const std::string& error() const override { return error_; }

   private:
    const std::string& text_;
    std::string error_;
    bool done_ = false;
  };

  const AnalyzeOptions& options_;
  Analysis* out_;
  LineScanner scanner_;
  ProgressLine progress_;
  std::string root_;
  std::vector<EntryInfo> links_;
  std::unordered_set<std::string> seen_files_;
  size_t native_entries_ = 0;
  size_t troubleshoot_entries_ = 0;
  std::vector<std::string> unknown_;
  std::vector<std::string>
      deferred_;  // generic-looking resource files, read once the format is known
  bool reading_deferred_ = false;
  bool read_anything_ = false;
};

// The reference time for ages: when the bundle was collected, or failing that the newest
// event, or failing that now.
double ReferenceTime(const Analysis& a) {
  const Manifest& m = a.index.manifest();
  for (const std::string* t : {&m.finished, &m.started}) {
    if (auto v = ParseTimestamp(*t)) return *v;
  }
  double newest = 0;
  for (const Object* e : a.index.OfKind("Event")) {
    for (const char* f : {"lastTimestamp", "eventTime"}) {
      if (auto v = ParseTimestamp(e->node[f].Str())) newest = std::max(newest, *v);
    }
  }
  return newest > 0 ? newest : static_cast<double>(std::time(nullptr));
}

}  // namespace

bool Analyze(const AnalyzeOptions& options, const CompiledRules& rules, Analysis* out,
             std::string* error) {
  out->bundle.path = options.bundle_path;
  std::unique_ptr<BundleSource> source =
      OpenBundle(options.bundle_path, options.read_limits, error);
  if (!source) return false;
  Ingest ingest(options, rules, out);
  if (!ingest.Run(*source, error)) return false;
  const Manifest& m = out->index.manifest();
  if (!m.finished.empty()) {
    out->bundle.collected_at = m.finished;
  } else if (!m.started.empty()) {
    out->bundle.collected_at = m.started;
  }
  out->now = ReferenceTime(*out);
  auto start = Clock::now();
  // The scanner's hits were recorded per text source while streaming.
  ObjectGraph graph(out->index);
  out->findings =
      Evaluate(out->index, graph, ingest.hits(), rules, out->now, &out->times.evaluation);
  Correlate(graph, rules, &out->findings);
  for (Finding& f : out->findings) {
    if (f.subject.kind != "Pod") continue;
    if (const Object* pod = out->index.Find("Pod", f.subject.ns, f.subject.name)) {
      std::vector<const Object*> owners = graph.Owners(*pod);
      if (!owners.empty()) {
        f.owner = owners.back()->kind + " " + owners.back()->ns + "/" + owners.back()->name;
      }
    }
  }
  SortFindings(&out->findings);
  out->times.evaluate_seconds = Seconds(start);
  return true;
}

}  // namespace kubesift
