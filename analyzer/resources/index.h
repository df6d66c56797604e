// The read-only index of everything a bundle holds, built once by the pipeline and then only
// read: rules, the object graph and the report all look things up here.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "problem.h"
#include "resources/document.h"
#include "resources/resource_file.h"
#include "scan/text_source.h"

namespace kubesift {

struct Object {
  std::string kind, api_version, ns, name, uid;
  NodeRef node;
  const std::string* path = nullptr;  // bundle-relative file the object came from
  uint32_t line = 0;                  // 1-based line where the object starts

  std::string Key() const { return kind + "/" + (ns.empty() ? "" : ns + "/") + name; }
};

struct CommandRecord {
  std::vector<std::string> argv;
  int exit_code = 0;
  double duration_ms = 0;
  std::string stderr_excerpt;
  std::string output;  // bundle-relative path, "" when nothing was written
  bool truncated = false;
};

struct Manifest {
  bool present = false;
  std::string path;
  std::string format, collector_version, started, finished, context;
  std::string kubectl_client, kubectl_server;
  std::vector<std::string> namespaces;
  std::vector<CommandRecord> commands;
  std::map<std::string, int64_t> redactions;
};

class Index {
 public:
  // Takes ownership of the parsed documents and the file's text, and indexes its objects under
  // `path`. `kind_hint` (from the file name) marks that kind as collected even when the list
  // is empty, so "no ConfigMap x" can be told apart from "ConfigMaps were not collected".
  void AddResources(const std::string& path, ParsedResources&& parsed, std::string text,
                    const std::string& kind_hint);

  // The verbatim text of a line of a resource file, for evidence ("" when unknown).
  std::string_view LineText(const std::string& path, uint32_t line) const;
  // True when the bundle holds a resource file for this kind (even an empty list).
  bool Collected(std::string_view kind) const { return collected_kinds_.count(std::string(kind)); }
  void AddTextSource(TextSource source) { text_sources_.push_back(std::move(source)); }

  const std::vector<Object>& objects() const { return objects_; }
  std::vector<const Object*> OfKind(std::string_view kind) const;
  const Object* Find(std::string_view kind, std::string_view ns, std::string_view name) const;
  const Object* FindByUid(std::string_view uid) const;

  std::vector<TextSource>& text_sources() { return text_sources_; }
  const std::vector<TextSource>& text_sources() const { return text_sources_; }
  const std::vector<std::string>& resource_files() const { return resource_files_; }

  Manifest& manifest() { return manifest_; }
  const Manifest& manifest() const { return manifest_; }

  size_t document_bytes() const;

 private:
  std::vector<std::unique_ptr<Document>> documents_;
  std::vector<std::unique_ptr<std::string>> paths_;
  std::vector<Object> objects_;
  std::unordered_map<std::string, std::vector<size_t>> by_kind_;
  std::unordered_map<std::string, size_t> by_key_;
  std::unordered_map<std::string, size_t> by_uid_;
  std::vector<TextSource> text_sources_;
  std::vector<std::string> resource_files_;
  struct RawText {
    std::string text;
    std::vector<uint32_t> line_starts;  // offset of each line
  };
  std::unordered_map<std::string, RawText> raw_;
  std::unordered_set<std::string> collected_kinds_;
  Manifest manifest_;
};

}  // namespace kubesift
