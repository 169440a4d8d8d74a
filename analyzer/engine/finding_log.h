// The findings of a scan in report order, kept compactly so that a report's memory does not
// grow with the number of files: each file's findings are encoded into bytes as soon as the
// file is analysed (a few hundred bytes a finding instead of a struct and its strings), and
// past a memory budget the bytes go to an unlinked temporary file, the way `sort` spills.
// Writers read the findings back one at a time, in report order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/engine/finding.h"

namespace berth {

// Report order: by path, then line, column, rule code, end and message.
bool report_order(const Finding& a, const Finding& b);
// The same within one file, where the paths need no comparing.
bool order_in_file(const Finding& a, const Finding& b);
// Sorts in report order (stable).
void sort_findings(std::vector<Finding>& findings);

// How many findings of one rule at one severity a log holds.
struct FindingCount {
  const RuleInfo* rule = nullptr;
  Severity severity = Severity::Warning;
  size_t count = 0;
};

namespace detail {
class SpillFile;
class LogReader;
}  // namespace detail

class FindingLog {
 public:
  class Builder;

  // An input iterator: the finding it points at is valid until it is advanced. Copies share
  // their position.
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Finding;
    using difference_type = std::ptrdiff_t;
    using pointer = const Finding*;
    using reference = const Finding&;

    iterator() = default;
    const Finding& operator*() const { return *current_; }
    const Finding* operator->() const { return current_; }
    iterator& operator++();
    iterator operator++(int) {
      iterator before = *this;
      ++*this;
      return before;
    }
    // Only the end is worth comparing with: two positions in one log compare equal.
    friend bool operator==(const iterator& a, const iterator& b) {
      return (a.current_ == nullptr) == (b.current_ == nullptr);
    }

   private:
    friend class FindingLog;
    std::shared_ptr<detail::LogReader> reader_;
    const Finding* current_ = nullptr;
  };

  FindingLog();
  // A log of these findings, in report order (they are sorted first).
  explicit FindingLog(std::vector<Finding> findings);
  FindingLog(FindingLog&&) noexcept;
  FindingLog& operator=(FindingLog&&) noexcept;
  ~FindingLog();

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Per rule and severity, ordered by rule code and then severity: a report's summary and
  // the SARIF log's rule list and priorities, known before the findings are read.
  const std::vector<FindingCount>& counts() const { return counts_; }
  std::optional<Severity> most_severe() const;
  // Whether some of the findings were written to the temporary file.
  bool spilled() const { return spilled_chunks_ > 0; }

  // Reading throws std::runtime_error when the temporary file cannot be read back.
  iterator begin() const;
  iterator end() const { return {}; }
  std::vector<Finding> to_vector() const;

  // Encoded findings: one file's, or part of a long list (lists are cut into chunks so that
  // reading one back needs little memory).
  struct Chunk {
    std::string bytes;      // when kept in memory
    uint64_t offset = 0;    // else where they are in the temporary file
    size_t size = 0;        // encoded bytes
    size_t count = 0;       // findings
    size_t first_size = 0;  // bytes of the first finding's encoding
    size_t last_at = 0;     // where the last finding's encoding begins
    bool in_file = false;
  };

 private:
  friend class detail::LogReader;
  friend class Builder;

  std::vector<Chunk> chunks_;
  // Where each run of chunks in report order begins (chunks_ indices); reading merges runs.
  std::vector<size_t> run_starts_;
  std::shared_ptr<detail::SpillFile> spill_;
  size_t size_ = 0;
  size_t spilled_chunks_ = 0;
  std::vector<FindingCount> counts_;
};

// Fills a log from the scan's threads: one slot per file, filled once each, in any order;
// the log's order is the slots' order, merged where a slot's findings do not follow the
// previous one's (a Helm template's, reported from its chart; the cross-resource pass's).
class FindingLog::Builder {
 public:
  // Encoded findings beyond `memory_budget` bytes go to a temporary file (0: all of them).
  // When no temporary file can be made, everything stays in memory.
  Builder(size_t slots, size_t memory_budget);
  ~Builder();
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  // Thread-safe. `findings` must be sorted in report order; they are encoded and freed, and
  // follow what the slot already holds (a slot filled in batches is one list when each batch
  // follows the one before; otherwise the merge sorts it out).
  void put(size_t slot, std::vector<Finding>&& findings);
  // Adds `count` slots after the others; returns the first one's number. Thread-safe.
  size_t add_slots(size_t count);
  // Drops what a slot holds (a cross-resource rule that failed halfway). Thread-safe.
  void discard(size_t slot);
  FindingLog finish() &&;

 private:
  std::vector<Chunk> encode(std::vector<Finding>& findings);

  std::vector<std::vector<Chunk>> slots_;
  size_t memory_budget_;
  size_t in_memory_ = 0;  // under mutex_
  std::shared_ptr<detail::SpillFile> spill_;
  bool spill_tried_ = false;
  std::map<std::pair<const RuleInfo*, Severity>, size_t> counts_;  // under mutex_
  std::mutex mutex_;
};

}  // namespace berth
