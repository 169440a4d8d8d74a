// Image reference judgements shared by the Dockerfile and Kubernetes image rules.
#include "rules/support/image_refs.h"

#include <algorithm>
#include <cctype>

namespace berth::rules::image_refs {
namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Docker Hub has several names; configs and references may use any of them.
std::string canonical_registry(std::string_view registry) {
  std::string name = lowercase(registry);
  if (name == "index.docker.io" || name == "registry-1.docker.io" || name == "hub.docker.com" ||
      name == "registry.hub.docker.com") {
    return "docker.io";
  }
  return name;
}

// `*` matches any run of characters, dots and slashes included (hadolint's DL3026 patterns).
bool wildcard_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

bool is_placeholder(std::string_view image) {
  return image.find('$') != std::string_view::npos || image.find("{{") != std::string_view::npos;
}

bool has_mutable_tag(const dockerfile::ImageRef& ref) {
  return ref.digest.empty() && (ref.tag.empty() || ref.tag == "latest");
}

std::string canonical_name(const dockerfile::ImageRef& ref) {
  std::string repository = lowercase(ref.repository);
  const std::string registry = canonical_registry(ref.registry);
  if (registry == "docker.io" && repository.find('/') == std::string::npos) {
    repository = "library/" + repository;
  }
  return registry + "/" + repository;
}

bool is_trusted(const dockerfile::ImageRef& ref, const std::vector<std::string>& patterns) {
  const std::string name = canonical_name(ref);
  const std::string_view registry = std::string_view(name).substr(0, name.find('/'));
  for (const std::string& entry : patterns) {
    std::string pattern = lowercase(entry);
    while (pattern.ends_with('/')) pattern.pop_back();
    if (pattern.empty()) continue;
    const size_t slash = pattern.find('/');
    if (slash == std::string::npos) {
      if (wildcard_match(canonical_registry(pattern), registry)) return true;
      continue;
    }
    pattern = canonical_registry(pattern.substr(0, slash)) + pattern.substr(slash);
    if (wildcard_match(pattern, name) || wildcard_match(pattern + "/*", name)) return true;
  }
  return false;
}

}  // namespace berth::rules::image_refs
