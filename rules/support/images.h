// Built-in knowledge of well-known Docker Hub images, shared by the base-image rules: which
// ones are full distributions or toolchains and their slimmer variants (DF105), the ENV names
// their image config defines (DF004), and a release tag to suggest instead of `latest` (DF102).
// Sizes are approximate uncompressed sizes for linux/amd64, for messages only.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "analyzer/dockerfile/model.h"

namespace berth::rules::images {

enum class ImageKind {
  Distro,     // a general-purpose distribution (debian, ubuntu, fedora, ...)
  Toolchain,  // a compiler or build tool image whose shipped form is the artifact alone
  Language,   // a language runtime with -slim / -alpine / -jre variants
  Other,      // known (for ENV and tags) but never judged as bloated
};

struct KnownImage {
  std::string_view name;  // Docker Hub official name: "python"
  ImageKind kind = ImageKind::Other;
  std::string_view full_size;   // "~1 GB"
  std::string_view slim_size;   // size of the suggested alternative
  std::string_view stable_tag;  // a release tag to pin instead of `latest`; empty when none
  std::span<const std::string_view> env;  // ENV names the image config sets (PATH included)
};

// The official Docker Hub image `ref` names (docker.io/library/<name>), if it is in the table.
const KnownImage* find_official(const dockerfile::ImageRef& ref);
// The same by bare name ("python"), for `COPY --from=python` style references.
const KnownImage* find_official_name(std::string_view name);

struct SlimAlternative {
  std::string image;  // "python:3.12-slim"
  std::string_view full_size;
  std::string_view slim_size;
};

// Whether `stage` builds on an image whose reference is known now: not `scratch`, not an
// earlier stage, not a reference that still holds an unset variable (unknown until build).
bool is_judged_image(const dockerfile::Stage& stage);

// The span of the tag text inside the FROM word as written (`latest` in `python:latest`), or
// nullopt when the tag came from a variable.
std::optional<Span> written_tag_span(const dockerfile::Stage& stage, std::string_view source);

// A slimmer image for a shipped base that is a full distro or toolchain, or nullopt when
// `ref` is already a slim/minimal/alpine/jre/distroless variant or not a known bloated image.
std::optional<SlimAlternative> slim_alternative(const dockerfile::ImageRef& ref);

}  // namespace berth::rules::images
