// The container image as the Kubernetes image rules (K8S501-K8S504) judge it: parsed like a
// Dockerfile FROM, placeholders skipped, and reported where the container names it.
#pragma once

#include <optional>

#include "analyzer/dockerfile/model.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/image_refs.h"

namespace berth::rules::k8s_images {

// The container's image, or nullopt when there is nothing to judge: no image (a shape error
// is K8S002's), a placeholder that a later tool substitutes, or Istio's `image: auto`, which
// its injection webhook replaces with the proxy image at admission.
inline std::optional<dockerfile::ImageRef> judged_image(const k8s::Container& container) {
  if (container.image.empty() || !container.image_node || container.image == "auto" ||
      image_refs::is_placeholder(container.image)) {
    return std::nullopt;
  }
  return dockerfile::parse_image_ref(container.image);
}

// The image text at the container's own `image:` key: the `*alias` when the value is an alias
// (so each container sharing an anchored image gets its own place, and a suppression comment
// above that container applies), else the value itself (possibly inside a `<<` merged map).
inline Span image_span(const k8s::Container& container) {
  if (const yaml::Entry* entry = container.node->entry("image");
      entry && !entry->merged && !entry->alias_span.empty()) {
    return entry->alias_span;
  }
  return container.image_node->span;
}

}  // namespace berth::rules::k8s_images
