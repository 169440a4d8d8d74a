// Judging a literal string in a manifest (a container env var's `value`, a ConfigMap `data`
// entry) for K8S201/K8S202 with the shared secret detection (rules/support/secrets.h): a
// credential pattern anywhere in the value, or a secret-looking name with a literal value.
// Verdicts carry only redacted text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "analyzer/yaml/yaml_tree.h"
#include "rules/support/secrets.h"

namespace berth::rules::k8s_secrets {

struct Verdict {
  Span span;           // where to report: the credential itself when it can be found verbatim
  std::string reason;  // "contains a credential (GitHub token: ghp_************abcd)"
};

namespace detail {

// The credential's own text inside the scalar's source, when it is written there verbatim
// (plain, quoted without escapes, or one line of a block scalar); else the whole value.
inline Span credential_span(const yaml::Entry& entry, const secrets::CredentialMatch& match,
                            std::string_view source) {
  if (!entry.alias_span.empty()) return entry.alias_span;
  const Span value = entry.value->span;
  const std::string_view decoded = entry.value->value;
  std::string_view credential = decoded.substr(match.offset, match.length);
  // A multi-line credential (a PEM block) loses its indentation when decoded: find its
  // first line.
  credential = credential.substr(0, credential.find('\n'));
  if (value.end <= source.size() && !credential.empty()) {
    const std::string_view written = source.substr(value.begin, value.size());
    if (const size_t at = written.find(credential); at != std::string_view::npos) {
      const uint32_t begin = value.begin + static_cast<uint32_t>(at);
      return Span{begin, begin + static_cast<uint32_t>(credential.size())};
    }
  }
  return value;
}

}  // namespace detail

// `key` names the value (env var name, ConfigMap key); `entry` is the key/value pair whose
// value is judged; `source` is the file text. Null, empty and non-scalar values are never
// secrets.
inline std::optional<Verdict> judge(std::string_view key, const yaml::Entry& entry,
                                    std::string_view source) {
  if (!entry.value || !entry.value->is_scalar()) return std::nullopt;
  const std::string_view value = entry.value->value;
  if (std::optional<secrets::CredentialMatch> match = secrets::find_credential(value)) {
    return Verdict{detail::credential_span(entry, *match, source),
                   "contains a credential (" + std::string(secrets::describe(match->kind)) + ": " +
                       match->redacted + ")"};
  }
  if (std::optional<secrets::SecretKey> secret = secrets::secret_key(key);
      secret && secrets::is_literal_secret_value(value) && !secrets::echoes_key(key, value)) {
    const Span span = entry.alias_span.empty() ? entry.value->span : entry.alias_span;
    return Verdict{
        span, "has a literal value, and its name looks secret (" + std::string(secret->word) + ")"};
  }
  return std::nullopt;
}

}  // namespace berth::rules::k8s_secrets
