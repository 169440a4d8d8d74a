// Per-document analysis of multi-document manifests for the language server.
#include "lsp/manifest_parts.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <utility>

#include "analyzer/kubernetes/model.h"
#include "analyzer/yaml/yaml_tree.h"
#include "lsp/text_sync.h"

namespace berth::lsp {

namespace {

void move_location(Location& location, uint32_t offset, uint32_t lines) {
  location.offset += offset;
  location.line += lines;
}

// What K8S605 reads of the whole file: the scopes CRDs give their kinds, and which
// objects set a namespace. Equal facts give equal verdicts.
std::string file_facts_of(const k8s::ManifestFile& manifest) {
  std::string facts;
  for (const k8s::Object& object : manifest.objects) {
    if (object.is("apiextensions.k8s.io", "CustomResourceDefinition")) {
      // The whole spec: what the rule reads of it (group, names.kind, scope) is inside.
      const yaml::Node* spec = object.field("spec");
      facts += "crd:";
      if (spec) facts += manifest.source->slice(spec->span);
      facts += '\n';
    }
    if (!object.namespace_.empty()) {
      facts += "ns:" + object.api_group + "/" + object.kind + "\n";
    }
  }
  return facts;
}

}  // namespace

namespace {

// The reasons of whole_file_reason() that show in one document's text alone (a Helm action
// is judged on the whole text, once some document has `{{`).
const char* document_reason(std::string_view text) {
  if (text.starts_with("%") || text.find("\n%") != std::string_view::npos) return "directive";
  if (text.find("ignore-file") != std::string_view::npos ||
      text.find("hadolint") != std::string_view::npos) {
    return "file-wide suppression";
  }
  if (text.find("Source:") != std::string_view::npos) return "rendered chart attribution";
  return nullptr;
}

bool has_template_braces(std::string_view text) {
  return text.find("{{") != std::string_view::npos;
}

}  // namespace

const char* whole_file_reason(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) return "byte order mark";
  if (const char* reason = document_reason(text)) return reason;
  if (has_template_braces(text) && k8s::is_helm_template(text)) return "Helm template";
  return nullptr;
}

Finding place_finding(const Finding& finding, uint32_t offset, uint32_t lines) {
  Finding placed = finding;
  placed.span = {finding.span.begin + offset, finding.span.end + offset};
  move_location(placed.start, offset, lines);
  move_location(placed.end, offset, lines);
  if (placed.fix) {
    for (TextEdit& edit : placed.fix->edits) {
      edit.span = {edit.span.begin + offset, edit.span.end + offset};
      move_location(edit.start, offset, lines);
      move_location(edit.end, offset, lines);
    }
  }
  for (RelatedLocation& related : placed.related) {
    if (related.path.empty() || related.path == finding.path) {
      related.span = {related.span.begin + offset, related.span.end + offset};
    }
  }
  return placed;
}

UnchangedEnds unchanged_ends(const std::vector<TSInputEdit>& edits, size_t size) {
  // Back from the final text, one edit at a time: each one's new end lies in the text it made.
  size_t previous = size;
  for (auto edit = edits.rbegin(); edit != edits.rend(); ++edit) {
    previous = previous - edit->new_end_byte + edit->old_end_byte;
  }
  UnchangedEnds ends{previous, std::min(size, previous), std::min(size, previous)};
  size_t current = previous;  // the text's size before each edit
  for (const TSInputEdit& edit : edits) {
    ends.prefix = std::min<size_t>(ends.prefix, edit.start_byte);
    ends.suffix = std::min<size_t>(ends.suffix, current - edit.old_end_byte);
    current = current + edit.new_end_byte - edit.old_end_byte;
  }
  // Where the prefix and the suffix would overlap, the suffix gives way.
  ends.suffix = std::min(ends.suffix, std::min(size, previous) - ends.prefix);
  return ends;
}

std::string ManifestParts::key_of(size_t index) const {
  // '\x01' sorts before any character of a path, so the keys of this file sort where its
  // path would among other files, and among themselves in document order.
  char number[16];
  std::snprintf(number, sizeof number, "%08zu", index);
  return path_ + '\x01' + number;
}

std::string ManifestParts::joined_file_facts(size_t index, const PartAnalysis* own) const {
  std::string joined;
  for (size_t i = 0; i < parts_.size(); ++i) {
    const PartAnalysis* part = i == index ? own : parts_[i].analysis.get();
    if (part) {
      joined += part->file_facts;
    } else if (i < previews_.size() && previews_[i]) {
      joined += previews_[i]->facts;
    }
  }
  return joined;
}

syntax::TreePtr ManifestParts::parse_part(std::string_view text, const PartAnalysis* previous) {
  auto kept = std::find_if(kept_trees_.begin(), kept_trees_.end(),
                           [&](const KeptTree& entry) { return entry.analysis.get() == previous; });
  syntax::TreePtr tree;
  if (previous && kept != kept_trees_.end()) {
    // The edit that turns the kept text into `text`: what lies between their common prefix
    // and common suffix.
    const std::string_view before = kept->analysis->source->text();
    const size_t shorter = std::min(before.size(), text.size());
    size_t prefix = 0;
    while (prefix < shorter && before[prefix] == text[prefix]) ++prefix;
    size_t suffix = 0;
    while (suffix < shorter - prefix &&
           before[before.size() - 1 - suffix] == text[text.size() - 1 - suffix]) {
      ++suffix;
    }
    TSInputEdit edit{};
    edit.start_byte = static_cast<uint32_t>(prefix);
    edit.old_end_byte = static_cast<uint32_t>(before.size() - suffix);
    edit.new_end_byte = static_cast<uint32_t>(text.size() - suffix);
    edit.start_point = ts_point_of(before, edit.start_byte);
    edit.old_end_point = ts_point_of(before, edit.old_end_byte);
    edit.new_end_point = ts_point_of(text, edit.new_end_byte);
    ts_tree_edit(kept->tree.get(), &edit);
    TSParser* parser = syntax::thread_parser(syntax::Grammar::Yaml);
    ts_parser_reset(parser);
    tree.reset(ts_parser_parse_string(parser, kept->tree.get(), text.data(),
                                      static_cast<uint32_t>(text.size())));
    kept_trees_.erase(kept);
    if (tree) ++reparsed_;
  }
  if (!tree) tree = syntax::parse(syntax::Grammar::Yaml, text);
  return tree;
}

std::shared_ptr<const PartAnalysis> ManifestParts::analyse(
    size_t index, std::string_view text, const RuleSet& rules,
    const std::shared_ptr<const PartAnalysis>& previous) {
  std::vector<const k8s::Object*> siblings;
  std::set<std::pair<std::string_view, std::string_view>> namespaced_kinds;
  for (size_t i = 0; i < parts_.size(); ++i) {
    if (i == index) continue;
    const k8s::ManifestFile* manifest = nullptr;
    if (const PartAnalysis* part = parts_[i].analysis.get()) {
      if (part->model->manifest) manifest = &*part->model->manifest;
    } else if (i < previews_.size() && previews_[i]) {
      manifest = &previews_[i]->manifest;
    }
    if (!manifest) continue;
    // What K8S605 reads of other documents (file_facts_of): every CRD, and whether an object
    // of a given API group and kind sets a namespace; one such object per group and kind
    // gives the same verdict as all of them, and keeps the rule from walking the whole file
    // for every edited document.
    for (const k8s::Object& object : manifest->objects) {
      if (object.is("apiextensions.k8s.io", "CustomResourceDefinition")) {
        siblings.push_back(&object);
      } else if (!object.namespace_.empty() &&
                 namespaced_kinds.insert({object.api_group, object.kind}).second) {
        siblings.push_back(&object);
      }
    }
  }
  auto part = std::make_shared<PartAnalysis>();
  auto source = std::make_shared<SourceFile>(path_, std::string(text));
  auto model = std::make_shared<ParsedModel>();
  ClusterCollector scratch;  // for the deferred suppressions; the facts are indexed later
  // parse_stream() parses what follows a byte order mark; such a text gets no tree here.
  syntax::TreePtr tree;
  if (!text.starts_with("\xEF\xBB\xBF")) tree = parse_part(text, previous.get());
  part->findings = analyze_parsed(*source, FileKind::Yaml, rules, tree.get(), &scratch, model.get(),
                                  std::move(siblings));
  if (tree) {
    kept_trees_.insert(kept_trees_.begin(), KeptTree{part, std::move(tree)});
    if (kept_trees_.size() > kKeptTrees) kept_trees_.pop_back();
  }
  sort_findings(part->findings);
  part->deferred = std::move(scratch.deferred);
  if (model->manifest) part->file_facts = file_facts_of(*model->manifest);
  // Line breaks as the line index counts them (a lone CR is one too).
  part->newlines = source->lines().line_count() - 1;
  part->whole_file_reason = document_reason(text);
  part->template_braces = has_template_braces(text);
  part->source = std::move(source);
  part->model = std::move(model);
  part->judged_with = shared_facts(joined_file_facts(index, part.get()));
  return part;
}

std::shared_ptr<const std::string> ManifestParts::shared_facts(std::string facts) {
  // Equal facts share one string, so that checking every document's judge on an update is
  // comparing pointers: documents analysed in one update (all of them when the file is
  // opened) are judged with the same facts, which then become the file's.
  if (file_facts_ && *file_facts_ == facts) return file_facts_;
  if (last_facts_ && *last_facts_ == facts) return last_facts_;
  last_facts_ = std::make_shared<const std::string>(std::move(facts));
  return last_facts_;
}

ManifestParts::Stats ManifestParts::update(std::string_view text, const RuleSet& rules,
                                           ClusterCollector* cluster,
                                           const std::optional<UnchangedEnds>& given_ends) {
  Stats stats;
  reparsed_ = 0;
  // Good for this update only if it starts from the text of the last one that completed.
  const bool use_ends = given_ends && last_size_ == given_ends->previous_size;
  const UnchangedEnds ends = use_ends ? *given_ends : UnchangedEnds{};
  last_size_.reset();  // until this update completes
  const std::vector<Span> spans = yaml::split_documents(text);
  std::vector<PlacedPart> old = whole_file_ ? std::vector<PlacedPart>{} : std::move(parts_);
  parts_.assign(spans.size(), PlacedPart{});
  auto same_text = [&](size_t part, size_t old_part) {
    // (An update left by an exception may have left documents without analysis.)
    const PartAnalysis* was = old[old_part].analysis.get();
    if (!was) return false;
    const std::string_view old_text = was->source->text();
    const Span now = spans[part];
    if (now.size() != old_text.size()) return false;
    if (use_ends) {
      // Inside the unchanged prefix at the same offset, or inside the unchanged suffix as far
      // from the end: the same bytes, not read again (a large manifest's documents are
      // otherwise all compared on every keystroke).
      const size_t was_at = old[old_part].offset;
      if (now.begin == was_at && now.end <= ends.prefix) return true;
      if (now.begin >= text.size() - ends.suffix &&
          text.size() - now.begin == ends.previous_size - was_at) {
        return true;
      }
    }
    ++stats.compared;
    return text.substr(now.begin, now.size()) == old_text;
  };
  // The documents before and after the edited ones are unchanged: keep their analyses.
  size_t front = 0;
  while (front < spans.size() && front < old.size() && same_text(front, front)) {
    parts_[front].analysis = old[front].analysis;
    ++front;
  }
  size_t back = 0;
  while (back < spans.size() - front && back < old.size() - front &&
         same_text(spans.size() - 1 - back, old.size() - 1 - back)) {
    parts_[spans.size() - 1 - back].analysis = old[old.size() - 1 - back].analysis;
    ++back;
  }
  const size_t changed_end = spans.size() - back;
  // The analyses of the changed documents before the edit, by index where the edit kept the
  // number of documents (their trees can be reparsed).
  std::vector<std::shared_ptr<const PartAnalysis>> previous(spans.size());
  if (old.size() == spans.size()) {
    for (size_t i = front; i < changed_end; ++i) previous[i] = old[i].analysis;
  }
  old.clear();

  // Whole-file analysis where documents analysed alone could differ (whole_file_reason),
  // judged from what the kept documents remember and the changed ones' texts.
  bool whole = text.starts_with("\xEF\xBB\xBF");
  bool braces = false;
  for (size_t i = 0; i < parts_.size() && !whole; ++i) {
    if (const PartAnalysis* part = parts_[i].analysis.get()) {
      whole = part->whole_file_reason != nullptr;
      braces = braces || part->template_braces;
    } else {
      const std::string_view part_text = text.substr(spans[i].begin, spans[i].size());
      whole = document_reason(part_text) != nullptr;
      braces = braces || has_template_braces(part_text);
    }
  }
  if (whole || (braces && k8s::is_helm_template(text))) {
    auto source = std::make_shared<const SourceFile>(path_, std::string(text));
    auto part = std::make_shared<PartAnalysis>();
    auto model = std::make_shared<ParsedModel>();
    ClusterCollector scratch;
    part->findings =
        analyze_parsed(*source, FileKind::Yaml, rules, /*tree=*/nullptr, &scratch, model.get());
    sort_findings(part->findings);
    part->deferred = std::move(scratch.deferred);
    part->newlines = source->lines().line_count() - 1;
    part->source = std::move(source);
    part->model = std::move(model);
    parts_ = {PlacedPart{0, 0, std::move(part)}};
    whole_file_ = true;
    file_facts_.reset();
    stats.parts = 1;
    stats.analysed = 1;
    stats.whole_file = true;
    if (cluster) sync_index(*cluster);
    last_size_ = text.size();
    return stats;
  }
  whole_file_ = false;

  if (changed_end - front > 1) {
    previews_.resize(parts_.size());
    for (size_t i = front; i < changed_end; ++i) {
      auto preview = std::make_unique<Preview>();
      preview->source = std::make_unique<SourceFile>(
          path_, std::string(text.substr(spans[i].begin, spans[i].size())));
      preview->manifest = k8s::build_manifest(*preview->source);
      preview->facts = file_facts_of(preview->manifest);
      previews_[i] = std::move(preview);
    }
  }
  for (size_t i = front; i < changed_end; ++i) {
    parts_[i].analysis =
        analyse(i, text.substr(spans[i].begin, spans[i].size()), rules, previous[i]);
    if (i < previews_.size()) previews_[i].reset();
    ++stats.analysed;
  }
  previews_.clear();
  // Every analysis must have been judged with the facts of the file as it is now; the
  // documents analysed above saw only the others analysed before them.
  const std::shared_ptr<const std::string> facts =
      shared_facts(joined_file_facts(parts_.size(), nullptr));
  file_facts_ = facts;
  for (size_t i = 0; i < parts_.size(); ++i) {
    const PartAnalysis& part = *parts_[i].analysis;
    if (part.judged_with == facts) continue;
    ++stats.facts_compared;
    if (*part.judged_with == *facts) continue;
    parts_[i].analysis = analyse(i, part.source->text(), rules, parts_[i].analysis);
    ++stats.analysed;
  }
  uint32_t lines = 0;
  for (size_t i = 0; i < parts_.size(); ++i) {
    parts_[i].offset = spans[i].begin;
    parts_[i].lines = lines;
    lines += parts_[i].analysis->newlines;
  }
  stats.parts = parts_.size();
  stats.reparsed = reparsed_;
  if (cluster) sync_index(*cluster);
  last_size_ = text.size();
  return stats;
}

void ManifestParts::sync_index(ClusterCollector& cluster) {
  for (size_t i = 0; i < parts_.size(); ++i) {
    const PlacedPart& part = parts_[i];
    if (i < indexed_.size() && indexed_[i].analysis == part.analysis) {
      if (part.offset == indexed_[i].offset && part.lines == indexed_[i].lines) continue;
      cluster.index.move(key_of(i), static_cast<int64_t>(part.offset) - indexed_[i].offset,
                         static_cast<int64_t>(part.lines) - indexed_[i].lines);
    } else if (part.analysis->model->manifest) {
      cluster.index.add(*part.analysis->model->manifest, {key_of(i), part.offset, part.lines});
    } else {
      cluster.index.remove(key_of(i));  // a Helm template adds nothing
    }
  }
  for (size_t i = parts_.size(); i < indexed_.size(); ++i) cluster.index.remove(key_of(i));
  indexed_ = parts_;

  std::erase_if(cluster.deferred,
                [&](const DeferredSuppression& deferred) { return deferred.path == path_; });
  for (const PlacedPart& part : parts_) {
    for (const DeferredSuppression& local : part.analysis->deferred) {
      DeferredSuppression& placed = cluster.deferred.emplace_back(local);
      Suppression& suppression = placed.suppression;
      suppression.comment = {suppression.comment.begin + part.offset,
                             suppression.comment.end + part.offset};
      suppression.scope = {suppression.scope.begin + part.offset,
                           suppression.scope.end + part.offset};
      if (placed.unused_finding) {
        placed.unused_finding = place_finding(*placed.unused_finding, part.offset, part.lines);
      }
    }
  }
}

void ManifestParts::forget(ClusterCollector& cluster) {
  for (size_t i = 0; i < indexed_.size(); ++i) cluster.index.remove(key_of(i));
  indexed_.clear();
  std::erase_if(cluster.deferred,
                [&](const DeferredSuppression& deferred) { return deferred.path == path_; });
}

namespace {

auto order_key(const Finding& f, uint32_t lines) {
  return std::make_tuple(std::string_view(f.path), f.start.line + lines, f.start.column,
                         f.rule->code, f.end.line + lines, f.end.column,
                         std::string_view(f.message));
}

}  // namespace

bool in_document_order(const std::vector<PlacedPart>& parts) {
  const Finding* last = nullptr;
  uint32_t last_lines = 0;
  for (const PlacedPart& part : parts) {
    const std::vector<Finding>& findings = part.analysis->findings;
    if (findings.empty()) continue;
    if (last && order_key(findings.front(), part.lines) < order_key(*last, last_lines)) {
      return false;
    }
    last = &findings.back();
    last_lines = part.lines;
  }
  return true;
}

std::vector<Finding> placed_findings(const std::vector<PlacedPart>& parts, const SourceFile& file) {
  std::vector<Finding> all;
  for (const PlacedPart& part : parts) {
    const uint32_t size = static_cast<uint32_t>(part.analysis->source->text().size());
    for (const Finding& finding : part.analysis->findings) {
      Finding& placed = all.emplace_back(place_finding(finding, part.offset, part.lines));
      // A finding at the very end of a document (an unclosed flow collection) sits on the
      // first line of the next one, which the document's own text does not have.
      if (finding.span.begin >= size && part.offset + size < file.text().size()) {
        placed.source_line = std::string(file.lines().line_text(placed.start.line));
      }
    }
  }
  if (!in_document_order(parts)) sort_findings(all);
  return all;
}

}  // namespace berth::lsp
