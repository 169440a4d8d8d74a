// The file `--output` names. An existing regular file is overwritten in place and cut to the
// new report's length when it is finished, instead of being truncated when it is opened: a
// report is usually rewritten by the next run, and writing over the pages the file already
// has costs a fraction of freeing them all and allocating new ones (a 21 MB SARIF log
// written every 1.5 s here, as by the benchmark or a save-and-rerun loop: 21-37 ms against
// 190-285 ms, on the single thread that ends every run).
#pragma once

#include <fstream>
#include <memory>
#include <string>

namespace berth::cli {

class ReportFile {
 public:
  ReportFile() = default;
  ReportFile(const ReportFile&) = delete;
  ReportFile& operator=(const ReportFile&) = delete;
  // Finishes the file if finish() was not called (an early return or an exception): a file
  // overwritten in place must never keep the end of the previous report.
  ~ReportFile();

  // Opens `path` for writing; false when it cannot be.
  bool open(const std::string& path);
  std::ostream& stream() { return file_; }
  // A regular file: a writer may seek back and write again from an earlier position, since
  // finish() cuts the file after the last byte written.
  bool rewindable() const { return regular_; }
  // Flushes the report and cuts the file after it; false when either failed.
  bool finish();

 private:
  std::string path_;
  std::unique_ptr<char[]> buffer_;
  std::ofstream file_;
  bool regular_ = false;
  bool finished_ = false;
};

}  // namespace berth::cli
