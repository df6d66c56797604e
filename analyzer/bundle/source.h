// Where a bundle's bytes come from: an archive streamed through libarchive, or a directory.
//
// This is the one interface at the I/O edge. Everything after it sees entries (path, type,
// content stream) in whatever order the bundle stores them; nothing is extracted to disk.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "problem.h"

namespace kubesift {

enum class EntryType { kFile, kSymlink, kHardlink, kDirectory, kOther };

struct EntryInfo {
  std::string path;  // as stored, normalised; a leading ".." means it climbs out
  EntryType type = EntryType::kFile;
  int64_t size = -1;        // -1 when the container does not say
  std::string link_target;  // symlinks: as stored; hard links: the earlier entry's path
};

// The content of the current entry, read once, front to back.
class EntryStream {
 public:
  virtual ~EntryStream() = default;
  // The next chunk, valid until the next call; false at the end or on error (see error()).
  virtual bool Next(std::string_view* chunk) = 0;
  virtual const std::string& error() const = 0;

  // Reads the rest into `out`, with room for a parser's read-ahead past the end.
  // False when the entry is larger than max_bytes (out holds the first max_bytes) or on error.
  bool ReadAll(std::string* out, size_t max_bytes, size_t padding = 64);
};

struct ReadLimits {
  uint64_t max_entry_bytes = uint64_t{16} << 30;  // bytes read from any one entry
};

class BundleSource {
 public:
  virtual ~BundleSource() = default;
  using Visitor = std::function<void(const EntryInfo&, EntryStream&)>;
  // Visits every entry (or only those whose path is in `only`). Problems of the container
  // itself (truncation, corruption) are appended; returns false when reading stopped early.
  virtual bool ForEachEntry(const Visitor& visit, const std::unordered_set<std::string>* only,
                            Problems* problems) = 0;
  // "tar.gz", "zip", "directory", …: what was opened, for the report.
  virtual std::string container() const = 0;
  virtual uint64_t bytes_read() const = 0;
};

// Opens a file (any archive libarchive reads) or a directory. On failure returns null and
// sets `error` to one line a user can act on.
std::unique_ptr<BundleSource> OpenBundle(const std::string& path, const ReadLimits& limits,
                                         std::string* error);

// "a/./b//c/../d" → "a/b/d"; a ".." that climbs above the start is kept ("../x"), so callers
// can tell an escape (see EscapesBundle).
std::string NormalizePath(std::string_view path);

}  // namespace kubesift
