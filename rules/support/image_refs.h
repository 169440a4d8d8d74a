// Judging image references the same way in Dockerfiles and Kubernetes manifests: mutable
// tags, placeholders, the canonical repository name, and the `trusted-registries` config.
// Parsing itself is dockerfile::parse_image_ref (`localhost:5000/app` has no tag).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/dockerfile/model.h"

namespace berth::rules::image_refs {

// Text that a later tool substitutes (`${IMAGE}`, `$(IMG)`, `{{ .image }}`): neither its tag
// nor its registry can be judged from the manifest.
bool is_placeholder(std::string_view image);

// No digest, and the tag is `latest` or absent: the registry can serve different content
// under the same reference tomorrow.
bool has_mutable_tag(const dockerfile::ImageRef& ref);

// `registry/repository`, lowercased, with Docker Hub spelled out: `nginx` and
// `docker.io/nginx` are `docker.io/library/nginx`.
std::string canonical_name(const dockerfile::ImageRef& ref);

// True when `ref` comes from a registry (or registry path) that `patterns` trusts, with the
// semantics of DF104: an entry without `/` names registries (`docker.io`, `*.gcr.io`,
// `registry.example.com:5000`); one with `/` names a repository prefix too (`ghcr.io/acme`
// trusts `ghcr.io/acme/app`; `docker.io/library` trusts `nginx`). `*` matches any run of
// characters. Comparison is case-insensitive; `index.docker.io`, `registry-1.docker.io`,
// `hub.docker.com` and `registry.hub.docker.com` mean `docker.io`.
bool is_trusted(const dockerfile::ImageRef& ref, const std::vector<std::string>& patterns);

}  // namespace berth::rules::image_refs
