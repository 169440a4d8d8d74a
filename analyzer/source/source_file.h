// One input text (a file mapped into memory, stdin, or an editor buffer) with its line index.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/source/line_index.h"

namespace llvm {
class MemoryBuffer;
}

namespace berth {

class SourceFile {
 public:
  // Takes ownership of `text` (stdin, editor buffers, tests).
  SourceFile(std::string display_path, std::string text);
  SourceFile(std::string display_path, std::unique_ptr<llvm::MemoryBuffer> buffer);
  ~SourceFile();
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;

  // The path as reported to users (relative to the scan root when possible).
  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }
  const LineIndex& lines() const { return lines_; }
  std::string_view slice(Span span) const { return text_.substr(span.begin, span.size()); }

 private:
  std::string path_;
  std::string owned_;
  std::unique_ptr<llvm::MemoryBuffer> buffer_;
  std::string_view text_;
  LineIndex lines_;
};

// Why a file could not be analysed (BR003).
struct LoadError {
  std::string message;
};

struct LoadResult {
  std::unique_ptr<SourceFile> file;
  std::optional<LoadError> error;
};

// Maps `file_path` into memory. Refuses unreadable files, files larger than `max_size`
// bytes, and binary files (a NUL byte in the first 8 KiB); invalid UTF-8 is accepted.
LoadResult load_source_file(const std::string& file_path, const std::string& display_path,
                            uint64_t max_size);

// True when the text looks binary (contains NUL in its first 8 KiB).
bool looks_binary(std::string_view text);

}  // namespace berth
