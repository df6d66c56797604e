// gzip inflated by ISA-L, handed to libarchive as a plain tar stream.
//
// libarchive's own gzip filter (zlib) inflates at ~450 MB/s here and does not verify the gzip
// CRC, so a corrupted bundle reads as good data. ISA-L inflates at ~900 MB/s and checks every
// member's CRC and length; a mismatch becomes an archive error that names the damage.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

struct archive;

namespace kubesift {

// True when ISA-L was found at build time.
bool HaveFastGzip();

// True when the file starts with the gzip magic bytes.
bool LooksLikeGzip(const std::string& path);

// The gzip stream behind an opened archive. A tar archive ends with zero blocks before the
// gzip trailer, so libarchive stops reading before the CRC is checked: `Finish` inflates the
// rest and says whether the stream was whole and its checksums right.
class GzipStream {
 public:
  virtual ~GzipStream() = default;
  // "" when the rest of the stream is intact, else what is wrong.
  virtual std::string Finish(archive* a) = 0;
};

// Opens `a` (a reader with formats registered) on the inflated content of the gzip file.
// Returns ARCHIVE_OK or an archive error code, like archive_read_open_filename. `stream`
// stays owned by `a` and lives until archive_read_free.
int OpenGzipWithIsal(archive* a, const std::string& path, GzipStream** stream);

}  // namespace kubesift
