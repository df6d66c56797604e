#include "resources/index.h"

namespace kubesift {
namespace {

std::string Key(std::string_view kind, std::string_view ns, std::string_view name) {
  std::string key;
  key.reserve(kind.size() + ns.size() + name.size() + 2);
  key.append(kind).append("/").append(ns).append("/").append(name);
  return key;
}

}  // namespace

void Index::AddResources(const std::string& path, ParsedResources&& parsed, std::string text,
                         const std::string& kind_hint) {
  paths_.push_back(std::make_unique<std::string>(path));
  resource_files_.push_back(path);
  if (!kind_hint.empty()) collected_kinds_.insert(kind_hint);
  RawText& raw = raw_[path];
  raw.line_starts.push_back(0);
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', nl + 1)) {
    raw.line_starts.push_back(static_cast<uint32_t>(nl + 1));
  }
  raw.text = std::move(text);
  const std::string* stored_path = paths_.back().get();
  for (auto& doc : parsed.documents) documents_.push_back(std::move(doc));
  for (ResourceObject& r : parsed.objects) {
    std::string key = Key(r.kind, r.ns, r.name);
    if (by_key_.count(key)) continue;  // the same object listed twice (e.g. two files): first wins
    size_t i = objects_.size();
    collected_kinds_.insert(r.kind);
    by_kind_[r.kind].push_back(i);
    by_key_.emplace(std::move(key), i);
    if (!r.uid.empty()) by_uid_.emplace(r.uid, i);
    objects_.push_back(Object{std::move(r.kind), std::move(r.api_version), std::move(r.ns),
                              std::move(r.name), std::move(r.uid), r.node, stored_path, r.line});
  }
}

std::vector<const Object*> Index::OfKind(std::string_view kind) const {
  std::vector<const Object*> out;
  auto it = by_kind_.find(std::string(kind));
  if (it == by_kind_.end()) return out;
  out.reserve(it->second.size());
  for (size_t i : it->second) out.push_back(&objects_[i]);
  return out;
}

const Object* Index::Find(std::string_view kind, std::string_view ns, std::string_view name) const {
  auto it = by_key_.find(Key(kind, ns, name));
  return it == by_key_.end() ? nullptr : &objects_[it->second];
}

const Object* Index::FindByUid(std::string_view uid) const {
  auto it = by_uid_.find(std::string(uid));
  return it == by_uid_.end() ? nullptr : &objects_[it->second];
}

std::string_view Index::LineText(const std::string& path, uint32_t line) const {
  auto it = raw_.find(path);
  if (it == raw_.end() || line == 0 || line > it->second.line_starts.size()) return {};
  const RawText& raw = it->second;
  size_t start = raw.line_starts[line - 1];
  size_t end = line < raw.line_starts.size() ? raw.line_starts[line] - 1 : raw.text.size();
  std::string_view text = std::string_view(raw.text).substr(start, end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

size_t Index::document_bytes() const {
  size_t total = 0;
  for (const auto& d : documents_) total += d->memory_bytes();
  return total;
}

}  // namespace kubesift
