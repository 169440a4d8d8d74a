// analyze_source() for a caller that keeps its own syntax trees (the language server, which
// reparses incrementally), and that wants the models afterwards (hover, code actions).
#pragma once

#include <optional>
#include <vector>

#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/analyze.h"
#include "analyzer/kubernetes/model.h"

struct TSTree;  // tree_sitter/api.h

namespace berth {

// The models one analysis built; they point into the SourceFile, which must outlive them.
struct ParsedModel {
  std::optional<dockerfile::Dockerfile> dockerfile;
  std::optional<k8s::ManifestFile> manifest;  // unset for Helm templates
  std::vector<Span> secrets;  // secret values the rules marked (masked wherever text is shown)
};

// Same findings as analyze_source(source, kind, rules, cluster). `tree` is a tree of
// `source.text()` (Dockerfile grammar) or of its text after any BOM (YAML grammar); null
// parses from scratch. When `model` is given, the built models are moved into it.
// `sibling_objects`: when `source` is one document of a larger YAML file, the objects of the
// file's other documents (k8s::ManifestFile::sibling_objects).
std::vector<Finding> analyze_parsed(const SourceFile& source, FileKind kind, const RuleSet& rules,
                                    const TSTree* tree, ClusterCollector* cluster = nullptr,
                                    ParsedModel* model = nullptr,
                                    std::vector<const k8s::Object*> sibling_objects = {});

}  // namespace berth
