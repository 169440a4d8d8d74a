// Secret detection shared by the Dockerfile (DF301-DF304) and Kubernetes (K8S201/K8S202)
// rules: key names that look secret, literal values worth reporting, well-known credential
// formats found inside any text, and redaction so that no message ever carries a secret.
//
// Everything here is a hand-written matcher over string_views: no regex, no allocation
// except for the redacted text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berth::rules::secrets {

// --- Key names --------------------------------------------------------------------------

// Why a key name looks secret: the secret word found in it, in canonical upper case with
// `_` between words ("PASSWORD", "API_KEY", "AUTH").
struct SecretKey {
  std::string_view word;
};

// Whether `key` (an ENV/ARG name, a container env var name, a ConfigMap key, an option name
// without its dashes) names a secret. The key is split into words at `_`, `-`, `.` and
// camelCase boundaries, compared case-insensitively; a secret word must be a whole word, so
// `DB_PASSWORD`, `X_AUTH`, `authToken` and `OPENAI_API_KEY` match while `AUTHOR`,
// `GPG_KEY` and `KEYCLOAK_URL` do not. Keys that name *where* or *what kind of* secret rather
// than the secret itself are excluded: last word FILE, PATH, DIR, URL, URI, NAME, USER,
// VERSION, ENABLED, TYPE, HOST, PORT, TTL, ... (see secrets.cpp for the full list), and any
// key with the word PUBLIC or PUBLISHABLE.
std::optional<SecretKey> secret_key(std::string_view key);

// Whether a value given to a secret-looking key is a literal worth reporting. Not literal:
// empty or blank; only variable references or command substitutions (`$DB_PASSWORD`,
// `${TOKEN:-}`, `$(cat /run/secrets/x)`); a file path (`/run/secrets/db`, `./key.json`,
// `$HOME/.config/gcloud.json`); a URL without credentials; a placeholder (see
// is_placeholder).
bool is_literal_secret_value(std::string_view value);

// Obvious placeholders, booleans and "no value" markers that leak nothing: `changeme`,
// `<your-token>`, `xxxx`, `****`, `your_api_key_here`, `REPLACE_ME`, `TODO`, `dummy`,
// `none`, `null`, `true`, `false`, `0`, `1`, ... Case-insensitive.
bool is_placeholder(std::string_view value);

// Whether `value` repeats the name of its key (`HF_TOKEN=HF_TOKEN`,
// `GOOGLE_API_KEY=GOOGLE_API_KEY_VAL`): a template slot left for the user, not a secret.
// Separators and case are ignored.
bool echoes_key(std::string_view key, std::string_view value);

// Whether `value` consists only of `$NAME`, `${...}`, `$(...)` and backquoted substitutions
// (and whitespace): nothing literal would be baked into the image.
bool is_only_references(std::string_view value);

// --- Credential formats in any text ------------------------------------------------------

enum class CredentialKind {
  AwsAccessKeyId,   // AKIA/ASIA + 16 base32 characters
  GitHubToken,      // ghp_/gho_/ghu_/ghs_/ghr_ + 36, github_pat_ + 22..
  GitLabToken,      // glpat- + 20..
  SlackToken,       // xoxa-/xoxb-/xoxp-/xoxr- ...
  StripeLiveKey,    // sk_live_/rk_live_ + 16..
  GoogleApiKey,     // AIza + 35
  PrivateKey,       // -----BEGIN ... PRIVATE KEY----- (also PGP PRIVATE KEY BLOCK)
  JsonWebToken,     // eyJ....eyJ....sig
  UrlWithPassword,  // scheme://user:password@host
};

// "AWS access key id", "GitHub token", ... for messages.
std::string_view describe(CredentialKind kind);

struct CredentialMatch {
  CredentialKind kind;
  size_t offset = 0;  // of the match in the scanned text
  size_t length = 0;
  std::string redacted;  // safe to print: `AKIA************MPLE`, `https://***:***@host`
};

// Every credential in `text`, left to right, non-overlapping. Matches need a word boundary
// on both sides, so identifiers that merely contain `AKIA` or `ghp_` do not match. URL
// passwords that are only variable references or placeholders are not credentials.
std::vector<CredentialMatch> find_credentials(std::string_view text);

// The first credential in `text`, if any (cheaper when one finding per value is enough).
std::optional<CredentialMatch> find_credential(std::string_view text);

// --- Redaction ---------------------------------------------------------------------------

// `value` with everything but its first `keep_prefix` characters (a well-known public
// prefix such as `AKIA` or `ghp_`) and, for values of 20+ characters, its last 4 replaced
// by `*` (at most 12 stars, so the length is not revealed either). Short values become
// "(redacted)".
std::string redact(std::string_view value, size_t keep_prefix = 0);

}  // namespace berth::rules::secrets
