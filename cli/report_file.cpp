#include "cli/report_file.h"

#include <filesystem>
#include <system_error>

namespace berth::cli {

namespace {
// Large enough that a big report goes out in few writes (the default buffer made thousands).
constexpr std::size_t kBufferSize = 1 << 20;
}  // namespace

ReportFile::~ReportFile() {
  if (file_.is_open() && !finished_) finish();
}

bool ReportFile::open(const std::string& path) {
  path_ = path;
  buffer_ = std::make_unique<char[]>(kBufferSize);
  // The buffer must be set before the file is opened to be used.
  file_.rdbuf()->pubsetbuf(buffer_.get(), kBufferSize);
  std::error_code error;
  // Only a regular file is rewritten in place: a FIFO or a device (/dev/stdout) cannot be cut.
  if (std::filesystem::is_regular_file(path, error)) {
    // in|out opens without truncating; it needs read permission too, so fall back otherwise.
    file_.open(path, std::ios::binary | std::ios::in | std::ios::out);
  }
  if (!file_.is_open()) {
    file_.clear();
    file_.open(path, std::ios::binary | std::ios::out | std::ios::trunc);
  }
  regular_ = file_.is_open() && std::filesystem::is_regular_file(path, error);
  return file_.is_open();
}

bool ReportFile::finish() {
  finished_ = true;
  file_.flush();
  bool ok = static_cast<bool>(file_);
  if (regular_) {
    const std::streamoff written = file_.tellp();
    std::error_code error;
    if (written < 0) {
      ok = false;
    } else {
      std::filesystem::resize_file(path_, static_cast<std::uintmax_t>(written), error);
      if (error) ok = false;
    }
  }
  file_.close();
  return ok && !file_.fail();
}

}  // namespace berth::cli
