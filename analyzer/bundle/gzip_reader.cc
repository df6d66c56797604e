#include "bundle/gzip_reader.h"

#include <archive.h>

#include <cerrno>
#include <cstring>
#include <vector>

#ifdef KUBESIFT_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

namespace kubesift {

// libarchive's ARCHIVE_ERRNO_MISC lives in a private header; its value is -1.
constexpr int kArchiveErrnoMisc = -1;

bool LooksLikeGzip(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  unsigned char magic[2] = {0, 0};
  size_t n = std::fread(magic, 1, 2, f);
  std::fclose(f);
  return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

#ifdef KUBESIFT_HAVE_ISAL

namespace {

constexpr size_t kInSize = 1 << 20;
constexpr size_t kOutSize = 1 << 20;

class IsalGzip : public GzipStream {
 public:
  explicit IsalGzip(std::string path) : path_(std::move(path)), in_(kInSize), out_(kOutSize) {}
  ~IsalGzip() override {
    if (file_) std::fclose(file_);
  }

  std::string Finish(archive* a) override {
    const void* buffer = nullptr;
    for (;;) {
      la_ssize_t n = Read(a, &buffer);
      if (n == 0) return "";
      if (n < 0) return archive_error_string(a) ? archive_error_string(a) : "gzip: read error";
    }
  }

  bool Open(archive* a) {
    file_ = std::fopen(path_.c_str(), "rb");
    if (!file_) {
      archive_set_error(a, errno, "%s: %s", path_.c_str(), std::strerror(errno));
      return false;
    }
    isal_inflate_init(&state_);
    state_.crc_flag = ISAL_GZIP;
    return true;
  }

  // The next block of inflated bytes; 0 at the end, -1 with the error set on `a`.
  la_ssize_t Read(archive* a, const void** buffer) {
    for (;;) {
      if (state_.avail_in == 0 && !eof_) {
        size_t n = std::fread(in_.data(), 1, in_.size(), file_);
        if (n == 0) {
          if (std::ferror(file_)) {
            archive_set_error(a, EIO, "reading %s failed", path_.c_str());
            return -1;
          }
          eof_ = true;
        }
        state_.next_in = in_.data();
        state_.avail_in = static_cast<uint32_t>(n);
      }
      if (member_done_) {
        // Another gzip member may follow (pigz, concatenated files); anything else is ignored.
        if (state_.avail_in == 0) {
          if (eof_) return 0;
          continue;
        }
        if (state_.avail_in >= 2 && (state_.next_in[0] != 0x1f || state_.next_in[1] != 0x8b)) {
          return 0;
        }
        uint8_t* next = state_.next_in;
        uint32_t avail = state_.avail_in;
        isal_inflate_reset(&state_);
        state_.crc_flag = ISAL_GZIP;
        state_.next_in = next;
        state_.avail_in = avail;
        member_done_ = false;
      }
      state_.next_out = out_.data();
      state_.avail_out = static_cast<uint32_t>(out_.size());
      int r = pending_error_ ? pending_error_ : isal_inflate(&state_);
      size_t produced = pending_error_ ? 0 : out_.size() - state_.avail_out;
      if (r < 0 && produced > 0) {
        // Hand over what was inflated before the damage; the error comes with the next call.
        pending_error_ = r;
        *buffer = out_.data();
        return static_cast<la_ssize_t>(produced);
      }
      if (r < 0) {
        archive_set_error(a, kArchiveErrnoMisc, "gzip: %s at compressed byte %llu", Describe(r),
                          static_cast<unsigned long long>(ConsumedIn()));
        return -1;
      }
      if (state_.block_state == ISAL_BLOCK_FINISH) member_done_ = true;
      if (produced > 0) {
        *buffer = out_.data();
        return static_cast<la_ssize_t>(produced);
      }
      if (eof_ && state_.avail_in == 0 && !member_done_) {
        archive_set_error(a, kArchiveErrnoMisc,
                          "gzip: the file ends in the middle of the compressed stream "
                          "(truncated after %llu bytes)",
                          static_cast<unsigned long long>(ConsumedIn()));
        return -1;
      }
    }
  }

 private:
  static const char* Describe(int code) {
    switch (code) {
      case ISAL_INCORRECT_CHECKSUM:
        return "CRC or length check failed: the data is corrupted";
      case ISAL_INVALID_WRAPPER:
        return "not a valid gzip header";
      case ISAL_UNSUPPORTED_METHOD:
        return "unsupported compression method";
      default:
        return "invalid compressed data";
    }
  }

  unsigned long long ConsumedIn() const {
    long pos = std::ftell(file_);
    return pos < 0 ? 0 : static_cast<unsigned long long>(pos) - state_.avail_in;
  }

  std::string path_;
  std::FILE* file_ = nullptr;
  std::vector<uint8_t> in_, out_;
  inflate_state state_{};
  bool eof_ = false;
  bool member_done_ = false;
  int pending_error_ = 0;
};

la_ssize_t ReadCallback(archive* a, void* client, const void** buffer) {
  return static_cast<IsalGzip*>(client)->Read(a, buffer);
}

int CloseCallback(archive*, void* client) {
  delete static_cast<IsalGzip*>(client);
  return ARCHIVE_OK;
}

}  // namespace

bool HaveFastGzip() { return true; }

int OpenGzipWithIsal(archive* a, const std::string& path, GzipStream** stream) {
  auto* gz = new IsalGzip(path);
  *stream = gz;
  if (!gz->Open(a)) {
    delete gz;
    return ARCHIVE_FATAL;
  }
  // libarchive owns `gz` from here and frees it through the close callback.
  return archive_read_open(a, gz, nullptr, ReadCallback, CloseCallback);
}

#else

bool HaveFastGzip() { return false; }
int OpenGzipWithIsal(archive* a, const std::string&, GzipStream** stream) {
  *stream = nullptr;
  archive_set_error(a, kArchiveErrnoMisc, "built without ISA-L");
  return ARCHIVE_FATAL;
}

#endif

}  // namespace kubesift
