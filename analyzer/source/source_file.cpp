// SourceFile loading through LLVM's MemoryBuffer (mmap for large files, no copy).
#include "analyzer/source/source_file.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>

namespace berth {

SourceFile::SourceFile(std::string display_path, std::string text)
    : path_(std::move(display_path)), owned_(std::move(text)), text_(owned_), lines_(text_) {}

SourceFile::SourceFile(std::string display_path, std::unique_ptr<llvm::MemoryBuffer> buffer)
    : path_(std::move(display_path)),
      buffer_(std::move(buffer)),
      text_(buffer_->getBufferStart(), buffer_->getBufferSize()),
      lines_(text_) {}

SourceFile::~SourceFile() = default;

bool looks_binary(std::string_view text) {
  return text.substr(0, 8192).find('\0') != std::string_view::npos;
}

static std::string human_size(uint64_t bytes) {
  if (bytes >= (1u << 20)) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1u << 10)) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

LoadResult load_source_file(const std::string& file_path, const std::string& display_path,
                            uint64_t max_size) {
  LoadResult result;
  llvm::sys::fs::file_status status;
  if (std::error_code ec = llvm::sys::fs::status(file_path, status)) {
    result.error = LoadError{"cannot read file: " + ec.message()};
    return result;
  }
  if (llvm::sys::fs::is_directory(status)) {
    result.error = LoadError{"is a directory"};
    return result;
  }
  // FIFOs, devices and sockets have no size to check and may never end (/dev/zero).
  if (!llvm::sys::fs::is_regular_file(status)) {
    result.error = LoadError{"not a regular file"};
    return result;
  }
  if (status.getSize() > max_size) {
    result.error = LoadError{"file is " + human_size(status.getSize()) +
                             ", over the max-file-size limit of " + human_size(max_size)};
    return result;
  }
  // Not volatile: we never watch these files, so mmap is safe and avoids a copy.
  auto buffer = llvm::MemoryBuffer::getFile(file_path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    result.error = LoadError{"cannot read file: " + buffer.getError().message()};
    return result;
  }
  std::string_view text((*buffer)->getBufferStart(), (*buffer)->getBufferSize());
  if (text.size() > max_size) {  // it grew after stat
    result.error = LoadError{"file is over the max-file-size limit of " + human_size(max_size)};
    return result;
  }
  if (looks_binary(text)) {
    result.error = LoadError{"binary file (contains NUL bytes)"};
    return result;
  }
  result.file = std::make_unique<SourceFile>(display_path, std::move(*buffer));
  return result;
}

}  // namespace berth
