// The compact, spillable list of a scan's findings (finding_log.h): the encoding, the
// temporary file, and the merge that reads the findings back in report order.
#include "analyzer/engine/finding_log.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <stdexcept>
#include <string_view>
#include <tuple>

#include "analyzer/engine/rule.h"

namespace berth {

bool order_in_file(const Finding& a, const Finding& b) {
  return std::forward_as_tuple(a.start.line, a.start.column, a.rule->code, a.end.line, a.end.column,
                               a.message) < std::forward_as_tuple(b.start.line, b.start.column,
                                                                  b.rule->code, b.end.line,
                                                                  b.end.column, b.message);
}

bool report_order(const Finding& a, const Finding& b) {
  if (const int paths = a.path.compare(b.path); paths != 0) return paths < 0;
  return order_in_file(a, b);
}

void sort_findings(std::vector<Finding>& findings) {
  // A file's findings usually share its path: then the paths need no comparing at each step.
  const bool one_path = std::all_of(findings.begin(), findings.end(), [&](const Finding& finding) {
    return finding.path == findings.front().path;
  });
  auto order_of = [one_path](const Finding& a, const Finding& b) {
    return one_path ? order_in_file(a, b) : report_order(a, b);
  };
  if (std::is_sorted(findings.begin(), findings.end(), order_of)) return;
  // A Finding is large (strings, a fix, related locations): sort indices, then move each
  // finding once, instead of moving findings at every step of the sort.
  std::vector<uint32_t> order(findings.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return order_of(findings[a], findings[b]); });
  std::vector<Finding> sorted;
  sorted.reserve(findings.size());
  for (uint32_t i : order) sorted.push_back(std::move(findings[i]));
  findings = std::move(sorted);
}

namespace {

// A long list is cut into chunks of at most this many findings or about this many bytes:
// reading a chunk back from the temporary file reads it whole, one chunk per sorted run.
constexpr size_t kChunkFindings = 1024;
constexpr size_t kChunkBytes = 64u << 10;

// Every field of a Finding is encoded below; one added to the struct must be added there too
// (this fails to compile first, on the 64-bit libstdc++ berth is built with).
#if defined(__GLIBCXX__) && defined(__x86_64__)
static_assert(sizeof(Finding) == 376, "Finding changed: update encode_finding() and decoding");
#endif

enum Flags : uint8_t {
  kSamePath = 1,  // the path of the finding before it in the chunk
  kHasFix = 2,
  kSafeFix = 4,
  kHasLogical = 8,
  kHasRelated = 16,
};

void put_varint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void put_text(std::string& out, std::string_view text) {
  put_varint(out, text.size());
  out.append(text);
}

void put_span(std::string& out, Span span) {
  put_varint(out, span.begin);
  put_varint(out, span.end);
}

void put_location(std::string& out, const Location& location) {
  put_varint(out, location.line);
  put_varint(out, location.column);
  put_varint(out, location.utf16_column);
  put_varint(out, location.offset);
}

void encode_finding(std::string& out, const Finding& finding, bool same_path) {
  const uintptr_t rule = reinterpret_cast<uintptr_t>(finding.rule);
  out.append(reinterpret_cast<const char*>(&rule), sizeof rule);
  out.push_back(static_cast<char>(finding.severity));
  const LogicalLocation& logical = finding.logical;
  const bool has_logical = !logical.kind.empty() || !logical.namespace_.empty() ||
                           !logical.name.empty() || !logical.container.empty();
  uint8_t flags = 0;
  if (same_path) flags |= kSamePath;
  if (finding.fix) flags |= kHasFix;
  if (finding.fix && finding.fix->safe) flags |= kSafeFix;
  if (has_logical) flags |= kHasLogical;
  if (!finding.related.empty()) flags |= kHasRelated;
  out.push_back(static_cast<char>(flags));
  if (!same_path) put_text(out, finding.path);
  put_span(out, finding.span);
  put_location(out, finding.start);
  put_location(out, finding.end);
  put_text(out, finding.source_line);
  put_text(out, finding.message);
  if (finding.fix) {
    put_text(out, finding.fix->title);
    put_varint(out, finding.fix->edits.size());
    for (const TextEdit& edit : finding.fix->edits) {
      put_span(out, edit.span);
      put_text(out, edit.replacement);
      put_location(out, edit.start);
      put_location(out, edit.end);
    }
  }
  if (has_logical) {
    put_text(out, logical.kind);
    put_text(out, logical.namespace_);
    put_text(out, logical.name);
    put_text(out, logical.container);
  }
  if (!finding.related.empty()) {
    put_varint(out, finding.related.size());
    for (const RelatedLocation& related : finding.related) {
      put_text(out, related.path);
      put_span(out, related.span);
      put_text(out, related.message);
    }
  }
}

// About what encode_finding() makes of a finding, without encoding it (to cut chunks).
size_t rough_size(const Finding& finding) {
  size_t size = 48 + finding.path.size() + finding.source_line.size() + finding.message.size();
  if (finding.fix) {
    size += finding.fix->title.size();
    for (const TextEdit& edit : finding.fix->edits) size += 24 + edit.replacement.size();
  }
  size += finding.logical.kind.size() + finding.logical.namespace_.size() +
          finding.logical.name.size() + finding.logical.container.size();
  for (const RelatedLocation& related : finding.related) {
    size += 8 + related.path.size() + related.message.size();
  }
  return size;
}

[[noreturn]] void corrupt() {
  throw std::runtime_error("internal error: the encoded findings are damaged");
}

// Reads what encode_finding() wrote. The bytes are berth's own, written by this process; the
// bounds are checked all the same, so damage is an error, not a crash.
class Decoder {
 public:
  Decoder() = default;
  Decoder(const char* at, const char* end) : at_(at), end_(end) {}
  bool done() const { return at_ == end_; }

  void finding(Finding& finding) {
    uintptr_t rule = 0;
    bytes(&rule, sizeof rule);
    finding.rule = reinterpret_cast<const RuleInfo*>(rule);
    uint8_t severity = 0;
    bytes(&severity, 1);
    if (severity > static_cast<uint8_t>(Severity::Error)) corrupt();
    finding.severity = static_cast<Severity>(severity);
    uint8_t flags = 0;
    bytes(&flags, 1);
    if (!(flags & kSamePath)) text(finding.path);
    finding.span = span();
    finding.start = location();
    finding.end = location();
    text(finding.source_line);
    text(finding.message);
    if (flags & kHasFix) {
      if (!finding.fix) finding.fix.emplace();
      Fix& fix = *finding.fix;
      text(fix.title);
      fix.safe = (flags & kSafeFix) != 0;
      fix.edits.resize(count());
      for (TextEdit& edit : fix.edits) {
        edit.span = span();
        text(edit.replacement);
        edit.start = location();
        edit.end = location();
      }
    } else {
      finding.fix.reset();
    }
    LogicalLocation& logical = finding.logical;
    if (flags & kHasLogical) {
      text(logical.kind);
      text(logical.namespace_);
      text(logical.name);
      text(logical.container);
    } else {
      logical.kind.clear();
      logical.namespace_.clear();
      logical.name.clear();
      logical.container.clear();
    }
    finding.related.resize(flags & kHasRelated ? count() : 0);
    for (RelatedLocation& related : finding.related) {
      text(related.path);
      related.span = span();
      text(related.message);
    }
  }

 private:
  void bytes(void* into, size_t size) {
    if (static_cast<size_t>(end_ - at_) < size) corrupt();
    std::memcpy(into, at_, size);
    at_ += size;
  }
  uint64_t varint() {
    uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (at_ == end_) corrupt();
      const auto byte = static_cast<unsigned char>(*at_++);
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return value;
    }
    corrupt();
  }
  uint32_t u32() {
    const uint64_t value = varint();
    if (value > UINT32_MAX) corrupt();
    return static_cast<uint32_t>(value);
  }
  // A count of items that each take at least one byte: never more than the bytes left.
  size_t count() {
    const uint64_t value = varint();
    if (value > static_cast<uint64_t>(end_ - at_)) corrupt();
    return static_cast<size_t>(value);
  }
  void text(std::string& into) {
    const size_t size = count();
    into.assign(at_, size);
    at_ += size;
  }
  Span span() {
    Span out;
    out.begin = u32();
    out.end = u32();
    return out;
  }
  Location location() {
    Location out;
    out.line = u32();
    out.column = u32();
    out.utf16_column = u32();
    out.offset = u32();
    return out;
  }

  const char* at_ = nullptr;
  const char* end_ = nullptr;
};

}  // namespace

namespace detail {

// An unlinked temporary file (TMPDIR, else /tmp): gone when berth exits, however it exits.
class SpillFile {
 public:
  static std::shared_ptr<SpillFile> create() {
    int fd = -1;
    llvm::SmallString<128> path;
    if (llvm::sys::fs::createTemporaryFile("berth-findings", "tmp", fd, path)) return nullptr;
    if (::unlink(path.c_str()) != 0) {
      ::close(fd);
      return nullptr;
    }
    return std::shared_ptr<SpillFile>(new SpillFile(fd));
  }
  ~SpillFile() { ::close(fd_); }
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Where the bytes were written; nothing when they could not be (a full disk): the caller
  // keeps them in memory then.
  std::optional<uint64_t> write(std::string_view bytes) {
    const uint64_t offset = end_.fetch_add(bytes.size());
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t wrote = ::pwrite(fd_, bytes.data() + done, bytes.size() - done,
                                     static_cast<off_t>(offset + done));
      if (wrote < 0 && errno == EINTR) continue;
      if (wrote <= 0) return std::nullopt;
      done += static_cast<size_t>(wrote);
    }
    return offset;
  }

  void read(uint64_t offset, size_t size, std::string& into) const {
    into.resize(size);
    size_t done = 0;
    while (done < size) {
      const ssize_t got =
          ::pread(fd_, into.data() + done, size - done, static_cast<off_t>(offset + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        throw std::runtime_error(
            std::string("cannot read back the findings kept in a temporary file: ") +
            (got < 0 ? std::strerror(errno) : "it is shorter than written"));
      }
      done += static_cast<size_t>(got);
    }
  }

 private:
  explicit SpillFile(int fd) : fd_(fd) {}
  int fd_;
  std::atomic<uint64_t> end_{0};
};

// Reads a log in report order: one cursor per run of chunks, merged on a heap (ties go to
// the earlier run, as a stable sort of the whole list would order them).
class LogReader {
 public:
  explicit LogReader(const FindingLog& log) : log_(log) {
    const size_t runs = log.run_starts_.size();
    cursors_.resize(runs);
    for (size_t run = 0; run < runs; ++run) {
      cursors_[run].chunk = log.run_starts_[run];
      cursors_[run].end = run + 1 < runs ? log.run_starts_[run + 1] : log.chunks_.size();
      if (load(cursors_[run])) push(run);
    }
  }

  // The next finding, or null at the end. The one returned before is overwritten.
  const Finding* next() {
    if (returned_ < cursors_.size() && load(cursors_[returned_])) push(returned_);
    if (heap_.empty()) return nullptr;
    std::pop_heap(heap_.begin(), heap_.end(), later_);
    returned_ = heap_.back();
    heap_.pop_back();
    return &cursors_[returned_].current;
  }

 private:
  struct Cursor {
    size_t chunk = 0, end = 0;  // chunks left to open: [chunk, end)
    std::string buffer;         // a chunk read back from the file
    Decoder decoder;
    Finding current;
  };

  bool load(Cursor& cursor) {
    while (cursor.decoder.done()) {
      if (cursor.chunk == cursor.end) return false;
      const FindingLog::Chunk& chunk = log_.chunks_[cursor.chunk++];
      const char* bytes = chunk.bytes.data();
      if (chunk.in_file) {
        log_.spill_->read(chunk.offset, chunk.size, cursor.buffer);
        bytes = cursor.buffer.data();
      }
      cursor.decoder = Decoder(bytes, bytes + chunk.size);
    }
    cursor.decoder.finding(cursor.current);
    return true;
  }

  void push(size_t cursor) {
    heap_.push_back(cursor);
    std::push_heap(heap_.begin(), heap_.end(), later_);
  }

  // std::*_heap keeps the greatest on top: "greater" here is "earlier in the report".
  struct Later {
    const std::vector<Cursor>* cursors;
    bool operator()(size_t a, size_t b) const {
      const Finding& first = (*cursors)[a].current;
      const Finding& second = (*cursors)[b].current;
      if (report_order(second, first)) return true;
      if (report_order(first, second)) return false;
      return a > b;
    }
  };

  const FindingLog& log_;
  std::vector<Cursor> cursors_;
  std::vector<size_t> heap_;
  Later later_{&cursors_};
  size_t returned_ = SIZE_MAX;
};

}  // namespace detail

// FindingLog ---------------------------------------------------------------------------------

FindingLog::FindingLog() = default;
FindingLog::FindingLog(FindingLog&&) noexcept = default;
FindingLog& FindingLog::operator=(FindingLog&&) noexcept = default;
FindingLog::~FindingLog() = default;

FindingLog::FindingLog(std::vector<Finding> findings) {
  sort_findings(findings);
  Builder builder(1, SIZE_MAX);
  builder.put(0, std::move(findings));
  *this = std::move(builder).finish();
}

std::optional<Severity> FindingLog::most_severe() const {
  std::optional<Severity> most;
  for (const FindingCount& count : counts_) {
    if (!most || count.severity > *most) most = count.severity;
  }
  return most;
}

FindingLog::iterator& FindingLog::iterator::operator++() {
  current_ = reader_->next();
  if (!current_) reader_.reset();
  return *this;
}

FindingLog::iterator FindingLog::begin() const {
  iterator it;
  if (empty()) return it;
  it.reader_ = std::make_shared<detail::LogReader>(*this);
  return ++it;
}

std::vector<Finding> FindingLog::to_vector() const {
  std::vector<Finding> out;
  out.reserve(size_);
  for (const Finding& finding : *this) out.push_back(finding);
  return out;
}

// Builder ------------------------------------------------------------------------------------

FindingLog::Builder::Builder(size_t slots, size_t memory_budget)
    : slots_(slots), memory_budget_(memory_budget) {}

FindingLog::Builder::~Builder() = default;

std::vector<FindingLog::Chunk> FindingLog::Builder::encode(std::vector<Finding>& findings) {
  std::vector<Chunk> chunks;
  for (size_t first = 0; first < findings.size();) {
    size_t end = first;
    for (size_t bytes = 0;
         end < findings.size() && end - first < kChunkFindings && bytes < kChunkBytes; ++end) {
      bytes += rough_size(findings[end]);
    }
    Chunk& chunk = chunks.emplace_back();
    for (size_t i = first; i < end; ++i) {
      // A chunk's first and last findings carry their path: the merge reads them alone.
      const bool same_path = i != first && i + 1 != end && findings[i].path == findings[i - 1].path;
      if (i + 1 == end) chunk.last_at = chunk.bytes.size();
      encode_finding(chunk.bytes, findings[i], same_path);
      if (i == first) chunk.first_size = chunk.bytes.size();
    }
    chunk.size = chunk.bytes.size();
    chunk.count = end - first;
    first = end;
  }
  return chunks;
}

void FindingLog::Builder::put(size_t slot, std::vector<Finding>&& findings) {
  if (findings.empty()) return;
  std::vector<Chunk> chunks = encode(findings);
  std::map<std::pair<const RuleInfo*, Severity>, size_t> counts;
  for (const Finding& finding : findings) ++counts[{finding.rule, finding.severity}];
  std::vector<Finding>().swap(findings);

  std::vector<Chunk*> to_spill;
  std::shared_ptr<detail::SpillFile> spill;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [key, count] : counts) counts_[key] += count;
    for (Chunk& chunk : chunks) {
      if (in_memory_ + chunk.size <= memory_budget_) {
        in_memory_ += chunk.size;
        continue;
      }
      if (!spill_tried_) {
        spill_tried_ = true;
        spill_ = detail::SpillFile::create();
      }
      if (spill_) to_spill.push_back(&chunk);
    }
    spill = spill_;
  }
  for (Chunk* chunk : to_spill) {
    if (std::optional<uint64_t> offset = spill->write(chunk->bytes)) {
      chunk->offset = *offset;
      chunk->in_file = true;
      std::string().swap(chunk->bytes);
    }
  }
  for (Chunk& chunk : chunks) {
    if (!chunk.in_file) chunk.bytes.shrink_to_fit();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Chunk>& into = slots_[slot];
  if (into.empty()) {
    into = std::move(chunks);
  } else {
    into.insert(into.end(), std::make_move_iterator(chunks.begin()),
                std::make_move_iterator(chunks.end()));
  }
}

size_t FindingLog::Builder::add_slots(size_t count) {
  std::lock_guard<std::mutex> lock(mutex_);
  const size_t first = slots_.size();
  slots_.resize(first + count);
  return first;
}

void FindingLog::Builder::discard(size_t slot) {
  std::vector<Chunk> chunks;
  std::shared_ptr<detail::SpillFile> spill;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    chunks = std::move(slots_[slot]);
    slots_[slot].clear();
    spill = spill_;
  }
  // Only a rule that failed gets here: its findings are decoded once more, to be uncounted.
  std::map<std::pair<const RuleInfo*, Severity>, size_t> counts;
  size_t in_memory = 0;
  std::string buffer;
  Finding finding;
  for (const Chunk& chunk : chunks) {
    const char* bytes = chunk.bytes.data();
    if (chunk.in_file) {
      spill->read(chunk.offset, chunk.size, buffer);
      bytes = buffer.data();
    } else {
      in_memory += chunk.size;
    }
    for (Decoder decoder(bytes, bytes + chunk.size); !decoder.done();) {
      decoder.finding(finding);
      ++counts[{finding.rule, finding.severity}];
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  in_memory_ -= std::min(in_memory_, in_memory);
  for (const auto& [key, count] : counts) {
    if ((counts_[key] -= count) == 0) counts_.erase(key);
  }
}

FindingLog FindingLog::Builder::finish() && {
  FindingLog log;
  log.spill_ = spill_;
  for (std::vector<Chunk>& slot : slots_) {
    for (Chunk& chunk : slot) {
      log.size_ += chunk.count;
      if (chunk.in_file) ++log.spilled_chunks_;
      log.chunks_.push_back(std::move(chunk));
    }
  }
  std::vector<std::vector<Chunk>>().swap(slots_);

  // Runs: a chunk whose first finding comes before the previous chunk's last starts a new
  // one. Only those two findings of each chunk are decoded here.
  Finding first, previous_last;
  std::string buffer;
  for (size_t i = 0; i < log.chunks_.size(); ++i) {
    const Chunk& chunk = log.chunks_[i];
    const char* bytes = chunk.bytes.data();
    if (chunk.in_file) {
      spill_->read(chunk.offset, chunk.size, buffer);
      bytes = buffer.data();
    }
    Decoder(bytes, bytes + chunk.first_size).finding(first);
    if (i == 0 || report_order(first, previous_last)) log.run_starts_.push_back(i);
    Decoder(bytes + chunk.last_at, bytes + chunk.size).finding(previous_last);
  }

  for (const auto& [key, count] : counts_) log.counts_.push_back({key.first, key.second, count});
  std::sort(log.counts_.begin(), log.counts_.end(),
            [](const FindingCount& a, const FindingCount& b) {
              return std::tie(a.rule->code, a.severity) < std::tie(b.rule->code, b.severity);
            });
  return log;
}

}  // namespace berth
