// The table of well-known Docker Hub images behind DF004, DF102 and DF105.
#include "rules/support/images.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace berth::rules::images {
namespace {

using namespace std::string_view_literals;

// ENV names from the official images' Dockerfiles (docker-library). Only names that every
// current tag sets; an image's ENV is inherited by every stage built on it.
constexpr std::array kPathOnly = {"PATH"sv};
constexpr std::array kFedoraEnv = {"PATH"sv, "DISTTAG"sv, "FGC"sv, "FBR"sv};
constexpr std::array kPythonEnv = {"PATH"sv,
                                   "LANG"sv,
                                   "GPG_KEY"sv,
                                   "PYTHON_VERSION"sv,
                                   "PYTHON_SHA256"sv,
                                   "PYTHON_PIP_VERSION"sv,
                                   "PYTHON_SETUPTOOLS_VERSION"sv,
                                   "PYTHON_GET_PIP_URL"sv,
                                   "PYTHON_GET_PIP_SHA256"sv};
constexpr std::array kNodeEnv = {"PATH"sv, "NODE_VERSION"sv, "YARN_VERSION"sv};
constexpr std::array kGolangEnv = {"PATH"sv, "GOLANG_VERSION"sv, "GOTOOLCHAIN"sv, "GOPATH"sv};
constexpr std::array kRustEnv = {"PATH"sv, "RUSTUP_HOME"sv, "CARGO_HOME"sv, "RUST_VERSION"sv};
constexpr std::array kRubyEnv = {"PATH"sv,
                                 "LANG"sv,
                                 "RUBY_MAJOR"sv,
                                 "RUBY_VERSION"sv,
                                 "RUBY_DOWNLOAD_SHA256"sv,
                                 "RUBY_DOWNLOAD_URL"sv,
                                 "GEM_HOME"sv,
                                 "BUNDLE_SILENCE_ROOT_WARNING"sv,
                                 "BUNDLE_APP_CONFIG"sv};
constexpr std::array kPhpEnv = {
    "PATH"sv,       "PHPIZE_DEPS"sv,  "PHP_INI_DIR"sv, "APACHE_CONFDIR"sv, "APACHE_ENVVARS"sv,
    "PHP_CFLAGS"sv, "PHP_CPPFLAGS"sv, "PHP_LDFLAGS"sv, "GPG_KEYS"sv,       "PHP_VERSION"sv,
    "PHP_URL"sv,    "PHP_ASC_URL"sv,  "PHP_SHA256"sv};
constexpr std::array kJavaEnv = {"PATH"sv,     "JAVA_HOME"sv, "LANG"sv,
                                 "LANGUAGE"sv, "LC_ALL"sv,    "JAVA_VERSION"sv};
constexpr std::array kMavenEnv = {"PATH"sv,   "JAVA_HOME"sv,    "LANG"sv,       "LANGUAGE"sv,
                                  "LC_ALL"sv, "JAVA_VERSION"sv, "MAVEN_HOME"sv, "MAVEN_CONFIG"sv};
constexpr std::array kGradleEnv = {"PATH"sv,        "JAVA_HOME"sv,      "LANG"sv,
                                   "LANGUAGE"sv,    "LC_ALL"sv,         "JAVA_VERSION"sv,
                                   "GRADLE_HOME"sv, "GRADLE_VERSION"sv, "GRADLE_USER_HOME"sv};
constexpr std::array kGccEnv = {"PATH"sv, "GPG_KEYS"sv, "GCC_MIRRORS"sv, "GCC_VERSION"sv,
                                "LD_LIBRARY_PATH"sv};
constexpr std::array kNginxEnv = {"PATH"sv,        "NGINX_VERSION"sv, "NJS_VERSION"sv,
                                  "NJS_RELEASE"sv, "PKG_RELEASE"sv,   "DYNPKG_RELEASE"sv,
                                  "ACME_VERSION"sv};
constexpr std::array kHttpdEnv = {"PATH"sv, "HTTPD_PREFIX"sv, "HTTPD_VERSION"sv, "HTTPD_SHA256"sv,
                                  "HTTPD_PATCHES"sv};
constexpr std::array kPostgresEnv = {"PATH"sv,     "GOSU_VERSION"sv, "LANG"sv,
                                     "PG_MAJOR"sv, "PG_VERSION"sv,   "PGDATA"sv};
constexpr std::array kRedisEnv = {"PATH"sv, "GOSU_VERSION"sv, "REDIS_VERSION"sv,
                                  "REDIS_DOWNLOAD_URL"sv, "REDIS_DOWNLOAD_SHA"sv};

constexpr KnownImage kImages[] = {
    // Distributions.
    {"debian", ImageKind::Distro, "~120 MB", "~75 MB", "12", kPathOnly},
    {"ubuntu", ImageKind::Distro, "~80 MB", "~20 MB", "24.04", kPathOnly},
    {"centos", ImageKind::Distro, "~230 MB", "~100 MB", "", kPathOnly},
    {"fedora", ImageKind::Distro, "~180 MB", "~100 MB", "41", kFedoraEnv},
    {"rockylinux", ImageKind::Distro, "~180 MB", "~100 MB", "9", kPathOnly},
    {"almalinux", ImageKind::Distro, "~190 MB", "~100 MB", "9", kPathOnly},
    {"amazonlinux", ImageKind::Distro, "~150 MB", "~40 MB", "2023", kPathOnly},
    {"oraclelinux", ImageKind::Distro, "~230 MB", "~110 MB", "9", kPathOnly},
    // Toolchains: the shipped form is the built artifact on a small runtime base.
    {"golang", ImageKind::Toolchain, "~850 MB", "~2 MB", "1.24", kGolangEnv},
    {"rust", ImageKind::Toolchain, "~1.5 GB", "~25 MB", "1", kRustEnv},
    {"gcc", ImageKind::Toolchain, "~1.4 GB", "~75 MB", "14", kGccEnv},
    {"maven", ImageKind::Toolchain, "~550 MB", "~270 MB", "", kMavenEnv},
    {"gradle", ImageKind::Toolchain, "~750 MB", "~270 MB", "", kGradleEnv},
    // Language runtimes with slim variants.
    {"python", ImageKind::Language, "~1 GB", "~130 MB", "3.13", kPythonEnv},
    {"node", ImageKind::Language, "~1.1 GB", "~200 MB", "22", kNodeEnv},
    {"ruby", ImageKind::Language, "~1 GB", "~220 MB", "3.3", kRubyEnv},
    {"php", ImageKind::Language, "~500 MB", "~100 MB", "8.3", kPhpEnv},
    {"openjdk", ImageKind::Language, "~470 MB", "~270 MB", "", kJavaEnv},
    {"eclipse-temurin", ImageKind::Language, "~450 MB", "~270 MB", "21", kJavaEnv},
    // Known for their ENV and release tags only.
    {"alpine", ImageKind::Other, "", "", "3.22", kPathOnly},
    {"busybox", ImageKind::Other, "", "", "1.37", kPathOnly},
    {"nginx", ImageKind::Other, "", "", "1.27", kNginxEnv},
    {"httpd", ImageKind::Other, "", "", "2.4", kHttpdEnv},
    {"postgres", ImageKind::Other, "", "", "17", kPostgresEnv},
    {"redis", ImageKind::Other, "", "", "7.4", kRedisEnv},
};

std::vector<std::string_view> split_tag(std::string_view tag) {
  std::vector<std::string_view> parts;
  while (!tag.empty()) {
    const size_t dash = tag.find('-');
    parts.push_back(tag.substr(0, dash));
    if (dash == std::string_view::npos) break;
    tag.remove_prefix(dash + 1);
  }
  return parts;
}

bool has_part_starting(const std::vector<std::string_view>& parts,
                       std::initializer_list<std::string_view> prefixes) {
  return std::any_of(parts.begin(), parts.end(), [&](std::string_view part) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view prefix) { return part.starts_with(prefix); });
  });
}

bool is_debian_suite(std::string_view part) {
  static constexpr std::string_view kSuites[] = {
      "wheezy", "jessie", "stretch", "buster", "bullseye", "bookworm", "trixie",
      "sid",    "xenial", "bionic",  "focal",  "jammy",    "noble"};
  return std::find(std::begin(kSuites), std::end(kSuites), part) != std::end(kSuites);
}

bool starts_with_digit(std::string_view text) {
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text.front()));
}

// The leading version number of a tag part ("17.0.9_9" -> "17").
std::string_view major_of(std::string_view part) {
  size_t end = 0;
  while (end < part.size() && std::isdigit(static_cast<unsigned char>(part[end]))) ++end;
  return part.substr(0, end);
}

// The Java major a maven/gradle tag names (`3.9-eclipse-temurin-17`, `jdk21`), or 21.
std::string java_major_of(const std::vector<std::string_view>& parts) {
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = parts[i];
    if (part.starts_with("jdk")) part.remove_prefix(3);
    if ((parts[i].starts_with("jdk") ||
         (i > 0 && (parts[i - 1] == "temurin" || parts[i - 1] == "openjdk"))) &&
        !major_of(part).empty()) {
      return std::string(major_of(part));
    }
  }
  return "21";
}

std::string join(const std::vector<std::string_view>& parts) {
  std::string out;
  for (std::string_view part : parts) {
    if (!out.empty()) out += '-';
    out += part;
  }
  return out;
}

// `python:3.12-bookworm` -> `3.12-slim-bookworm`: python and ruby put the suite last.
std::string with_slim_before_suite(const std::vector<std::string_view>& parts) {
  std::vector<std::string_view> out;
  bool inserted = false;
  for (std::string_view part : parts) {
    if (!inserted && is_debian_suite(part)) {
      out.push_back("slim");
      inserted = true;
    }
    out.push_back(part);
  }
  if (!inserted) out.push_back("slim");
  return join(out);
}

std::optional<std::string> slim_image(const KnownImage& image, std::string_view tag) {
  const std::vector<std::string_view> parts = split_tag(tag);
  if (has_part_starting(parts, {"windowsservercore", "nanoserver", "ltsc"})) return std::nullopt;
  const std::string name(image.name);
  const std::string_view version = parts.empty() ? std::string_view() : parts.front();
  switch (image.kind) {
    case ImageKind::Other:
      return std::nullopt;
    case ImageKind::Distro:
      if (has_part_starting(parts, {"slim", "minimal"})) return std::nullopt;
      if (name == "debian")
        return "debian:" + (tag.empty() ? std::string("stable") : join(parts)) + "-slim";
      if (name == "ubuntu") return "gcr.io/distroless/base-debian12";
      if (name == "centos") return "redhat/ubi9-minimal";
      if (name == "fedora") {
        return "registry.fedoraproject.org/fedora-minimal" +
               (starts_with_digit(version) ? ":" + std::string(major_of(version)) : std::string());
      }
      if (name == "rockylinux" || name == "almalinux") {
        return name + ":" + (starts_with_digit(version) ? std::string(version) : "9") + "-minimal";
      }
      if (name == "amazonlinux") return "public.ecr.aws/amazonlinux/amazonlinux:2023-minimal";
      if (name == "oraclelinux") {
        return "oraclelinux:" +
               (starts_with_digit(version) ? std::string(major_of(version)) : "9") + "-slim";
      }
      return std::nullopt;
    case ImageKind::Toolchain:
      // Alpine or slim toolchains still carry the compiler: only the artifact should ship.
      if (name == "golang") return "gcr.io/distroless/static-debian12";
      if (name == "rust") return "gcr.io/distroless/cc-debian12";
      if (name == "gcc") return "debian:12-slim";
      if (has_part_starting(parts, {"jre"})) return std::nullopt;
      return "eclipse-temurin:" + java_major_of(parts) + "-jre";
    case ImageKind::Language:
      if (has_part_starting(parts, {"slim", "alpine", "jre"})) return std::nullopt;
      if (name == "python" || name == "ruby") return name + ":" + with_slim_before_suite(parts);
      if (name == "node")
        return "node:" + (tag.empty() ? std::string("slim") : join(parts) + "-slim");
      if (name == "php") {
        std::vector<std::string_view> kept;
        bool apache = false;
        for (std::string_view part : parts) {
          if (part == "apache") {
            apache = true;
          } else if (!is_debian_suite(part)) {
            kept.push_back(part);
          }
        }
        if (apache) kept.push_back("fpm");
        kept.push_back("alpine");
        return "php:" + join(kept);
      }
      if (name == "openjdk") {
        const std::string_view major = major_of(version);
        return "eclipse-temurin:" + (major.empty() ? std::string("21") : std::string(major)) +
               "-jre";
      }
      if (name == "eclipse-temurin") {
        std::vector<std::string_view> out = parts;
        bool replaced = false;
        for (std::string_view& part : out) {
          if (part == "jdk") {
            part = "jre";
            replaced = true;
          }
        }
        if (out.empty()) return std::string("eclipse-temurin:21-jre");
        if (!replaced) out.insert(out.begin() + 1, "jre");
        return "eclipse-temurin:" + join(out);
      }
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

const KnownImage* find_official_name(std::string_view name) {
  for (const KnownImage& image : kImages) {
    if (image.name == name) return &image;
  }
  return nullptr;
}

const KnownImage* find_official(const dockerfile::ImageRef& ref) {
  if (ref.unresolved || ref.registry != "docker.io") return nullptr;
  std::string_view repository = ref.repository;
  if (!repository.starts_with("library/")) return nullptr;
  repository.remove_prefix(std::string_view("library/").size());
  return find_official_name(repository);
}

bool is_judged_image(const dockerfile::Stage& stage) {
  if (stage.parent >= 0 || stage.image.unresolved || stage.image.text.empty()) return false;
  std::string lowered(stage.image.text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lowered != "scratch";
}

std::optional<Span> written_tag_span(const dockerfile::Stage& stage, std::string_view source) {
  const dockerfile::Word& base = stage.base;
  if (base.span.end > source.size()) return std::nullopt;
  const std::string_view written = source.substr(base.span.begin, base.span.size());
  if (written != base.text || written.find('$') != std::string_view::npos) return std::nullopt;
  const std::string_view reference = written.substr(0, written.find('@'));
  const size_t colon = reference.rfind(':');
  const size_t slash = reference.rfind('/');
  if (colon == std::string_view::npos || (slash != std::string_view::npos && slash > colon)) {
    return std::nullopt;
  }
  return Span{base.span.begin + static_cast<uint32_t>(colon + 1),
              base.span.begin + static_cast<uint32_t>(reference.size())};
}

std::optional<SlimAlternative> slim_alternative(const dockerfile::ImageRef& ref) {
  const KnownImage* image = find_official(ref);
  if (!image) return std::nullopt;
  std::optional<std::string> slim = slim_image(*image, ref.tag);
  if (!slim) return std::nullopt;
  std::string_view full_size = image->full_size;
  // The alpine toolchains are smaller than the table's default variant, but still carry the
  // whole compiler.
  if (image->kind == ImageKind::Toolchain && has_part_starting(split_tag(ref.tag), {"alpine"})) {
    full_size = "over 200 MB";
  }
  return SlimAlternative{std::move(*slim), full_size, image->slim_size};
}

}  // namespace berth::rules::images
