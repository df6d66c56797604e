#include "bundle/source.h"

#include <vector>

namespace kubesift {

bool EntryStream::ReadAll(std::string* out, size_t max_bytes, size_t padding) {
  out->clear();
  std::string_view chunk;
  while (Next(&chunk)) {
    if (out->size() + chunk.size() > max_bytes) {
      out->append(chunk.substr(0, max_bytes - out->size()));
      out->reserve(out->size() + padding);
      return false;
    }
    if (out->capacity() < out->size() + chunk.size() + padding) {
      out->reserve(std::max(out->capacity() * 2, out->size() + chunk.size() + padding));
    }
    out->append(chunk);
  }
  out->reserve(out->size() + padding);
  return error().empty();
}

std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> parts;
  bool absolute = !path.empty() && path.front() == '/';
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part == "..") {
      // "a/b/../c" is "a/c"; a ".." with nothing left to climb stays, marking an escape.
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.push_back(part);
      }
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return out;
}

}  // namespace kubesift
