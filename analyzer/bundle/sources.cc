// Archives through libarchive's streaming reader: every compression filter and container
// format it knows (tar.gz, tar.zst, tar, zip, …), one pass, entries in stored order.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "bundle/gzip_reader.h"
#include "bundle/source.h"

namespace kubesift {
namespace {

constexpr size_t kBlockSize = 1 << 20;

std::string ArchiveError(archive* a) {
  const char* msg = archive_error_string(a);
  return msg ? msg : "unknown archive error";
}

class ArchiveStream : public EntryStream {
 public:
  ArchiveStream(archive* a, uint64_t max_bytes) : archive_(a), max_bytes_(max_bytes) {}

  bool Next(std::string_view* chunk) override {
    if (done_) return false;
    const void* buf = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    int r = archive_read_data_block(archive_, &buf, &size, &offset);
    if (r == ARCHIVE_EOF) {
      done_ = true;
      return false;
    }
    if (r < ARCHIVE_WARN) {
      error_ = ArchiveError(archive_);
      fatal_ = r == ARCHIVE_FATAL;
      done_ = true;
      return false;
    }
    if (read_ + size > max_bytes_) {
      size = max_bytes_ - read_;
      truncated_ = true;
      done_ = true;
      error_ = "entry is larger than the limit of " + std::to_string(max_bytes_) +
               " bytes; read the first " + std::to_string(max_bytes_);
    }
    read_ += size;
    *chunk = std::string_view(static_cast<const char*>(buf), size);
    return size > 0 || !done_;
  }
  const std::string& error() const override { return error_; }
  bool fatal() const { return fatal_; }

 private:
  archive* archive_;
  uint64_t max_bytes_;
  uint64_t read_ = 0;
  bool done_ = false;
  bool fatal_ = false;
  bool truncated_ = false;
  std::string error_;
};

class ArchiveSource : public BundleSource {
 public:
  ArchiveSource(std::string path, const ReadLimits& limits)
      : path_(std::move(path)), limits_(limits) {}

  bool Open(std::string* error) {
    isal_ = HaveFastGzip() && LooksLikeGzip(path_);
    archive* a = NewReader();
    if (OpenReader(a) != ARCHIVE_OK) {
      *error = path_ + ": " + ArchiveError(a);
      archive_read_free(a);
      return false;
    }
    archive_entry* entry = nullptr;
    int r = archive_read_next_header(a, &entry);
    if (r < ARCHIVE_WARN) {
      *error = path_ + ": not a readable archive: " + ArchiveError(a);
      archive_read_free(a);
      return false;
    }
    Describe(a);
    archive_read_free(a);
    return true;
  }

  bool ForEachEntry(const Visitor& visit, const std::unordered_set<std::string>* only,
                    Problems* problems) override {
    archive* a = NewReader();
    if (OpenReader(a) != ARCHIVE_OK) {
      problems->push_back({"", 0, 0, ArchiveError(a)});
      archive_read_free(a);
      return false;
    }
    bool complete = true;
    for (;;) {
      archive_entry* entry = nullptr;
      int r = archive_read_next_header(a, &entry);
      if (r == ARCHIVE_EOF) break;
      if (r == ARCHIVE_WARN) {
        problems->push_back({EntryPath(entry), 0, 0, ArchiveError(a)});
      } else if (r != ARCHIVE_OK) {
        problems->push_back({"", 0, 0, "archive: " + ArchiveError(a) + after()});
        complete = false;
        break;
      }
      EntryInfo info = Info(entry);
      last_path_ = info.path;
      if (only && !only->count(info.path)) continue;
      ArchiveStream stream(a, limits_.max_entry_bytes);
      visit(info, stream);
      // Drain what the visitor did not read, so a truncation inside this entry is noticed here.
      std::string_view rest;
      while (stream.Next(&rest)) {
      }
      if (!stream.error().empty()) {
        problems->push_back({info.path, 0, 0, stream.error()});
        if (stream.fatal()) {
          complete = false;
          break;
        }
      }
    }
    if (complete && gzip_ && !only) {  // once, on the full pass
      std::string damage = gzip_->Finish(a);
      if (!damage.empty()) problems->push_back({"", 0, 0, damage});
    }
    bytes_read_ = isal_ ? FileSize() : static_cast<uint64_t>(archive_filter_bytes(a, -1));
    archive_read_free(a);
    return complete;
  }

  std::string container() const override { return container_; }
  uint64_t bytes_read() const override { return bytes_read_; }

 private:
  // gzip goes through ISA-L when it is there (faster, and it verifies the CRC); everything
  // else through libarchive's own filters.
  int OpenReader(archive* a) {
    gzip_ = nullptr;
    if (isal_) return OpenGzipWithIsal(a, path_, &gzip_);
    return archive_read_open_filename(a, path_.c_str(), kBlockSize);
  }

  uint64_t FileSize() const {
    std::error_code ec;
    auto size = std::filesystem::file_size(path_, ec);
    return ec ? 0 : static_cast<uint64_t>(size);
  }

  static archive* NewReader() {
    archive* a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_all(a);
    return a;
  }

  std::string after() const {
    return last_path_.empty() ? "" : " (after entry " + last_path_ + ")";
  }

  void Describe(archive* a) {
    std::string format = archive_format_name(a) ? archive_format_name(a) : "archive";
    std::string filters;
    for (int i = archive_filter_count(a) - 1; i >= 0; --i) {
      if (archive_filter_code(a, i) == ARCHIVE_FILTER_NONE) continue;
      filters += std::string(filters.empty() ? "" : "+") + archive_filter_name(a, i);
    }
    if (isal_) filters = "gzip via ISA-L";
    container_ = filters.empty() ? format : format + " (" + filters + ")";
  }

  static std::string EntryPath(archive_entry* entry) {
    const char* p = entry ? archive_entry_pathname(entry) : nullptr;
    return p ? NormalizePath(p) : "";
  }

  static EntryInfo Info(archive_entry* entry) {
    EntryInfo info;
    info.path = EntryPath(entry);
    if (archive_entry_size_is_set(entry)) info.size = archive_entry_size(entry);
    if (const char* hard = archive_entry_hardlink(entry)) {
      info.type = EntryType::kHardlink;
      info.link_target = NormalizePath(hard);
      return info;
    }
    switch (archive_entry_filetype(entry)) {
      case AE_IFREG:
        info.type = EntryType::kFile;
        break;
      case AE_IFLNK:
        info.type = EntryType::kSymlink;
        if (const char* t = archive_entry_symlink(entry)) info.link_target = t;
        break;
      case AE_IFDIR:
        info.type = EntryType::kDirectory;
        break;
      default:
        info.type = EntryType::kOther;
    }
    return info;
  }

  std::string path_;
  ReadLimits limits_;
  std::string container_;
  std::string last_path_;
  bool isal_ = false;
  GzipStream* gzip_ = nullptr;  // owned by the open archive
  uint64_t bytes_read_ = 0;
};

class FileStream : public EntryStream {
 public:
  FileStream(const std::filesystem::path& path, uint64_t max_bytes) : max_bytes_(max_bytes) {
    file_ = std::fopen(path.c_str(), "rb");
    if (!file_) error_ = "cannot open: " + std::string(std::strerror(errno));
  }
  ~FileStream() override {
    if (file_) std::fclose(file_);
  }
  bool Next(std::string_view* chunk) override {
    if (!file_ || done_) return false;
    size_t want = std::min<uint64_t>(buffer_.size(), max_bytes_ - read_);
    size_t n = want ? std::fread(buffer_.data(), 1, want, file_) : 0;
    if (n == 0) {
      done_ = true;
      if (std::ferror(file_))
        error_ = "read error";
      else if (read_ >= max_bytes_ && std::fgetc(file_) != EOF)
        error_ = "entry is larger than the limit of " + std::to_string(max_bytes_) + " bytes";
      return false;
    }
    read_ += n;
    *chunk = std::string_view(buffer_.data(), n);
    return true;
  }
  const std::string& error() const override { return error_; }
  uint64_t read() const { return read_; }

 private:
  std::FILE* file_ = nullptr;
  std::string buffer_ = std::string(kBlockSize, '\0');
  uint64_t max_bytes_;
  uint64_t read_ = 0;
  bool done_ = false;
  std::string error_;
};

class DirectorySource : public BundleSource {
 public:
  DirectorySource(std::filesystem::path root, const ReadLimits& limits)
      : root_(std::move(root)), limits_(limits) {}

  bool ForEachEntry(const Visitor& visit, const std::unordered_set<std::string>* only,
                    Problems* problems) override {
    namespace fs = std::filesystem;
    std::vector<fs::path> paths;
    std::error_code ec;
    for (fs::recursive_directory_iterator
             it(root_, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec)) {
      paths.push_back(it->path());
    }
    if (ec) problems->push_back({"", 0, 0, "listing " + root_.string() + ": " + ec.message()});
    std::sort(paths.begin(), paths.end());  // a stable order for reproducible reports
    for (const fs::path& p : paths) {
      EntryInfo info;
      info.path = NormalizePath(p.lexically_relative(root_).generic_string());
      if (only && !only->count(info.path)) continue;
      fs::file_status st = fs::symlink_status(p, ec);
      if (fs::is_symlink(st)) {
        info.type = EntryType::kSymlink;
        info.link_target = fs::read_symlink(p, ec).generic_string();
      } else if (fs::is_directory(st)) {
        info.type = EntryType::kDirectory;
      } else if (fs::is_regular_file(st)) {
        info.type = EntryType::kFile;
        info.size = static_cast<int64_t>(fs::file_size(p, ec));
      } else {
        info.type = EntryType::kOther;
      }
      if (info.type != EntryType::kFile) {
        FileStream none("", 0);
        visit(info, none);
        continue;
      }
      FileStream stream(p, limits_.max_entry_bytes);
      visit(info, stream);
      std::string_view rest;
      while (stream.Next(&rest)) {
      }
      bytes_read_ += stream.read();
      if (!stream.error().empty()) problems->push_back({info.path, 0, 0, stream.error()});
    }
    return true;
  }

  std::string container() const override { return "directory"; }
  uint64_t bytes_read() const override { return bytes_read_; }

 private:
  std::filesystem::path root_;
  ReadLimits limits_;
  uint64_t bytes_read_ = 0;
};

}  // namespace

std::unique_ptr<BundleSource> OpenBundle(const std::string& path, const ReadLimits& limits,
                                         std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    *error = path + ": no such file or directory";
    return nullptr;
  }
  if (fs::is_directory(st)) return std::make_unique<DirectorySource>(path, limits);
  if (fs::file_size(path, ec) == 0) {
    *error = path + ": the file is empty";
    return nullptr;
  }
  auto source = std::make_unique<ArchiveSource>(path, limits);
  if (!source->Open(error)) return nullptr;
  return source;
}

}  // namespace kubesift
