// Test helper: writes real archives with libarchive (the same library users' tools use), so
// the reader is tested on tar.gz, tar.zst, zip and plain tar files, with symlinks, without a
// top-level folder and in any entry order.
#pragma once

#include <string>
#include <vector>

namespace kubesift::testing {

struct ArchiveEntry {
  enum class Type { kFile, kSymlink, kHardlink, kDirectory, kFifo };
  ArchiveEntry(std::string p, std::string c, Type t = Type::kFile, std::string l = "")
      : path(std::move(p)), content(std::move(c)), type(t), target(std::move(l)) {}
  std::string path;
  std::string content;
  Type type;
  std::string target;  // links
};

enum class ArchiveKind { kTarGz, kTarZst, kTar, kZip };

// Writes `entries` in the order given. Throws std::runtime_error on failure.
void WriteArchive(const std::string& path, ArchiveKind kind,
                  const std::vector<ArchiveEntry>& entries);

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Writes a file (creating parent folders).
void WriteFile(const std::string& path, const std::string& content);
std::string ReadFile(const std::string& path);

}  // namespace kubesift::testing
