#include "archive_writer.h"

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kubesift::testing {

void WriteArchive(const std::string& path, ArchiveKind kind,
                  const std::vector<ArchiveEntry>& entries) {
  archive* a = archive_write_new();
  switch (kind) {
    case ArchiveKind::kTarGz:
      archive_write_set_format_pax_restricted(a);
      archive_write_add_filter_gzip(a);
      break;
    case ArchiveKind::kTarZst:
      archive_write_set_format_pax_restricted(a);
      archive_write_add_filter_zstd(a);
      break;
    case ArchiveKind::kTar:
      archive_write_set_format_pax_restricted(a);
      break;
    case ArchiveKind::kZip:
      archive_write_set_format_zip(a);
      break;
  }
  if (archive_write_open_filename(a, path.c_str()) != ARCHIVE_OK) {
    std::string error = archive_error_string(a);
    archive_write_free(a);
    throw std::runtime_error("cannot write " + path + ": " + error);
  }
  for (const ArchiveEntry& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.path.c_str());
    archive_entry_set_mtime(entry, 1764324900, 0);
    switch (e.type) {
      case ArchiveEntry::Type::kFile:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, static_cast<la_int64_t>(e.content.size()));
        break;
      case ArchiveEntry::Type::kSymlink:
        archive_entry_set_filetype(entry, AE_IFLNK);
        archive_entry_set_perm(entry, 0777);
        archive_entry_set_symlink(entry, e.target.c_str());
        break;
      case ArchiveEntry::Type::kHardlink:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_hardlink(entry, e.target.c_str());
        archive_entry_set_size(entry, 0);
        break;
      case ArchiveEntry::Type::kDirectory:
        archive_entry_set_filetype(entry, AE_IFDIR);
        archive_entry_set_perm(entry, 0755);
        break;
      case ArchiveEntry::Type::kFifo:
        archive_entry_set_filetype(entry, AE_IFIFO);
        archive_entry_set_perm(entry, 0644);
        break;
    }
    if (archive_write_header(a, entry) != ARCHIVE_OK) {
      std::string error = archive_error_string(a);
      archive_entry_free(entry);
      archive_write_free(a);
      throw std::runtime_error("cannot add " + e.path + ": " + error);
    }
    if (e.type == ArchiveEntry::Type::kFile && !e.content.empty()) {
      archive_write_data(a, e.content.data(), e.content.size());
    }
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kubesift-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void WriteFile(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace kubesift::testing
