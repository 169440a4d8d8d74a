// Secret-looking key names, literal values and credential formats: hand-written matchers
// (std::regex is slow and these run over every ENV, LABEL, ARG, RUN word and env var).
#include "rules/support/secrets.h"

#include <algorithm>
#include <array>

namespace berth::rules::secrets {
namespace {

// ASCII classes written out (std::isalnum is a library call per character, and these scan
// every character of every RUN script and value).
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return to_upper(x) == to_upper(y);
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// --- key words ---------------------------------------------------------------------------

// Splits `DB_PASSWORD`, `db-password`, `db.password`, `dbPassword`, `APIKey` into words.
std::vector<std::string_view> split_words(std::string_view key) {
  std::vector<std::string_view> words;
  size_t start = 0;
  auto flush = [&](size_t end) {
    if (end > start) words.push_back(key.substr(start, end - start));
  };
  for (size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (!is_alnum(c)) {
      flush(i);
      start = i + 1;
      continue;
    }
    if (i == start) continue;
    const char previous = key[i - 1];
    // `dbPassword`: a lower-case letter or digit followed by an upper-case one starts a word;
    // `APIKey`: the last capital of a run followed by a lower-case letter starts one.
    const bool lower_to_upper = (is_lower(previous) || is_digit(previous)) && is_upper(c);
    const bool acronym_end =
        is_upper(previous) && is_upper(c) && i + 1 < key.size() && is_lower(key[i + 1]);
    if (lower_to_upper || acronym_end) {
      flush(i);
      start = i;
    }
  }
  flush(key.size());
  return words;
}

struct WordRule {
  std::string_view word;       // as written in keys, upper case
  std::string_view canonical;  // reported
};

// Secret words matched as whole words anywhere in the key.
constexpr WordRule kSecretWords[] = {
    {"PASSWORD", "PASSWORD"},
    {"PASSWORDS", "PASSWORD"},
    {"PASSWD", "PASSWD"},
    {"PASSPHRASE", "PASSPHRASE"},
    {"PWORD", "PASSWORD"},
    {"SECRET", "SECRET"},
    {"SECRETS", "SECRET"},
    {"TOKEN", "TOKEN"},
    {"TOKENS", "TOKEN"},
    {"APIKEY", "API_KEY"},
    {"APITOKEN", "TOKEN"},
    {"AUTHTOKEN", "TOKEN"},
    {"ACCESSKEY", "ACCESS_KEY"},
    {"PRIVATEKEY", "PRIVATE_KEY"},
    {"SECRETKEY", "SECRET"},
    {"CREDENTIAL", "CREDENTIAL"},
    {"CREDENTIALS", "CREDENTIAL"},
    {"CREDS", "CREDENTIAL"},
    {"AUTH", "AUTH"},
};

// `<first> KEY` pairs: a bare KEY is too common to mean a secret (`GPG_KEY` holds the
// public fingerprint official images verify downloads with).
constexpr WordRule kKeyPairs[] = {
    {"API", "API_KEY"},       {"PRIVATE", "PRIVATE_KEY"},       {"ACCESS", "ACCESS_KEY"},
    {"MASTER", "MASTER_KEY"}, {"ENCRYPTION", "ENCRYPTION_KEY"}, {"SIGNING", "SIGNING_KEY"},
    {"CLIENT", "CLIENT_KEY"}, {"LICENSE", "LICENSE_KEY"},
};

// Words that are secrets only as the last word after a prefix: `DB_PASS`, `MYSQL_PWD`
// (a bare `PWD` is the working directory, `PASS_THROUGH` is not a password).
constexpr WordRule kTrailingWords[] = {
    {"PASS", "PASSWORD"},
    {"PWD", "PASSWORD"},
};

// A key ending in one of these names where or what kind of secret is used, not the secret:
// `PASSWORD_FILE=/run/secrets/db`, `TOKEN_URL`, `SECRET_NAME`, `AUTH_ENABLED=true`.
constexpr std::string_view kNonSecretLastWords[] = {
    "FILE",     "FILES",      "PATH",     "PATHS",    "DIR",       "DIRECTORY", "URL",
    "URLS",     "URI",        "NAME",     "NAMES",    "USER",      "USERNAME",  "USERS",
    "VERSION",  "ENABLED",    "ENABLE",   "DISABLED", "DISABLE",   "REQUIRED",  "TYPE",
    "METHOD",   "METHODS",    "MODE",     "PROVIDER", "PROVIDERS", "HOST",      "HOSTS",
    "PORT",     "ENDPOINT",   "SERVER",   "SERVICE",  "TTL",       "TIMEOUT",   "EXPIRY",
    "EXPIRES",  "EXPIRATION", "LIFETIME", "LENGTH",   "SIZE",      "ALGORITHM", "ALG",
    "HEADER",   "REALM",      "ISSUER",   "AUDIENCE", "SCOPE",     "SCOPES",    "DOMAIN",
    "LOCATION", "STDIN",      "POLICY",   "STRATEGY", "PREFIX",    "FORMAT",    "BACKEND",
    "KEYRING",  "STORE",      "SOURCE",   "MIN",      "MAX",       "NAMESPACE",
};

bool any_word_is(const std::vector<std::string_view>& words, std::string_view word) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return iequals(w, word); });
}

}  // namespace

std::optional<SecretKey> secret_key(std::string_view key) {
  const std::vector<std::string_view> words = split_words(key);
  if (words.empty()) return std::nullopt;
  if (any_word_is(words, "PUBLIC") || any_word_is(words, "PUBLISHABLE")) return std::nullopt;
  // A quantity of secrets or a switch, not a secret: `MAX_TOTAL_TOKENS=2048` (LLM servers),
  // `TOKEN_LIMIT`, `disable-creds-init` (Tekton).
  for (std::string_view word : {"MAX", "MIN", "NUM", "COUNT", "LIMIT", "ENABLE", "DISABLE"}) {
    if (any_word_is(words, word)) return std::nullopt;
  }
  const std::string_view last = words.back();
  for (std::string_view excluded : kNonSecretLastWords) {
    if (iequals(last, excluded)) return std::nullopt;
  }
  for (size_t i = 0; i < words.size(); ++i) {
    for (const WordRule& rule : kSecretWords) {
      if (!iequals(words[i], rule.word)) continue;
      // AUTH before other words is usually a settings prefix (`GF_AUTH_ANONYMOUS_ORG_ROLE`,
      // `AUTH_LDAP_BIND_PASSWORD`): it names the secret itself only right before another
      // secret word (`AUTH_TOKEN`, `authToken`) or at the end (`BASIC_AUTH`).
      if (rule.word == "AUTH" && i + 1 < words.size() && !secret_key(words[i + 1])) break;
      return SecretKey{rule.canonical};
    }
    if (i + 1 < words.size() && iequals(words[i + 1], "KEY")) {
      for (const WordRule& rule : kKeyPairs) {
        if (iequals(words[i], rule.word)) return SecretKey{rule.canonical};
      }
    }
  }
  // Run-together names: `PGPASSWORD`, `ROOTPASSWORD`, `HTTPPASSWD`.
  for (std::string_view word : words) {
    if (word.size() > 8 && iequals(word.substr(word.size() - 8), "PASSWORD")) {
      return SecretKey{"PASSWORD"};
    }
    if (word.size() > 6 && iequals(word.substr(word.size() - 6), "PASSWD"))
      return SecretKey{"PASSWD"};
  }
  if (words.size() >= 2) {
    for (const WordRule& rule : kTrailingWords) {
      if (iequals(last, rule.word)) return SecretKey{rule.canonical};
    }
  }
  return std::nullopt;
}

// --- values ------------------------------------------------------------------------------

namespace {

// Length of the `$NAME` / `${...}` / `$(...)` reference at text[0] ('$'), or 0.
size_t reference_length(std::string_view text) {
  if (text.size() < 2 || text[0] != '$') return 0;
  const char open = text[1];
  if (open == '{' || open == '(') {
    const char close = open == '{' ? '}' : ')';
    int depth = 0;
    for (size_t i = 1; i < text.size(); ++i) {
      if (text[i] == open) ++depth;
      if (text[i] == close && --depth == 0) return i + 1;
    }
    return 0;  // unterminated: treat the `$` as literal text
  }
  if (is_alnum(open) || open == '_') {
    size_t i = 1;
    while (i < text.size() && (is_alnum(text[i]) || text[i] == '_')) ++i;
    return i;
  }
  return 0;
}

bool has_scheme(std::string_view text, size_t* after = nullptr) {
  const size_t sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0) return false;
  if (!is_alpha(text[0])) return false;
  for (size_t i = 0; i < sep; ++i) {
    const char c = text[i];
    if (!is_alnum(c) && c != '+' && c != '.' && c != '-') return false;
  }
  if (after) *after = sep + 3;
  return true;
}

bool ends_with_file_extension(std::string_view value) {
  static constexpr std::string_view kExtensions[] = {
      ".json", ".pem", ".key",  ".crt", ".cer",  ".p12",        ".pfx",  ".jks",      ".txt",
      ".yaml", ".yml", ".conf", ".cfg", ".ini",  ".properties", ".env",  ".asc",      ".gpg",
      ".pub",  ".sh",  ".py",   ".rb",  ".pl",   ".js",         ".ps1",  ".bat",      ".cmd",
      ".jar",  ".xml", ".sql",  ".log", ".html", ".rsp",        ".kdbx", ".keystore", ".p8"};
  if (std::any_of(value.begin(), value.end(), is_space)) return false;
  for (std::string_view extension : kExtensions) {
    if (value.size() > extension.size() &&
        iequals(value.substr(value.size() - extension.size()), extension)) {
      return true;
    }
  }
  return false;
}

bool looks_like_path(std::string_view value) {
  if (value.starts_with('/') || value.starts_with("~/") || value.starts_with("./") ||
      value.starts_with("../")) {
    return true;
  }
  const size_t reference = reference_length(value);
  if (reference > 0 && reference < value.size() && value[reference] == '/') return true;
  return ends_with_file_extension(value);
}

}  // namespace

bool is_only_references(std::string_view value) {
  size_t i = 0;
  while (i < value.size()) {
    const char c = value[i];
    if (is_space(c) || c == '"' || c == '\'') {
      ++i;
    } else if (c == '`') {
      const size_t close = value.find('`', i + 1);
      if (close == std::string_view::npos) return false;
      i = close + 1;
    } else if (const size_t length = reference_length(value.substr(i)); length > 0) {
      i += length;
    } else {
      return false;
    }
  }
  return true;
}

bool is_placeholder(std::string_view value) {
  value = trim(value);
  if (value.size() >= 2 && ((value.front() == '<' && value.back() == '>') ||
                            (value.starts_with("{{") && value.ends_with("}}")))) {
    return true;
  }
  // `xxxx`, `****`, `....`, `xxxx-xxxx`: one filler character (separators aside).
  std::string normalized;
  for (char c : value) {
    if (c != '-' && c != '_' && c != ' ' && c != '.') normalized.push_back(to_lower(c));
  }
  if (normalized.empty()) return !value.empty();
  if (value.size() >= 3 &&
      std::all_of(normalized.begin(), normalized.end(),
                  [&](char c) { return c == normalized[0]; }) &&
      !is_digit(normalized[0])) {
    return true;
  }
  // `ghp_xxxxxxxxxxxx`, `AKIA****************`: mostly filler characters.
  const size_t filler = static_cast<size_t>(std::count_if(
      value.begin(), value.end(), [](char c) { return c == 'x' || c == 'X' || c == '*'; }));
  if (value.size() >= 8 && filler * 4 >= value.size() * 3) return true;
  static constexpr std::string_view kPlaceholders[] = {
      "changeme", "changeit", "replaceme", "placeholder", "todo",   "tbd",     "fixme",
      "dummy",    "example",  "sample",    "none",        "null",   "nil",     "undefined",
      "empty",    "unset",    "notset",    "redacted",    "hidden", "masked",  "true",
      "false",    "yes",      "no",        "on",          "off",    "enabled", "disabled",
      "0",        "1",        "password",  "secret",      "token",  "passwd",  "pass",
      "apikey",   "fake",     "foo",       "bar",         "foobar", "baz",     "mock",
      "invalid",  "blank",    "nothing"};
  for (std::string_view placeholder : kPlaceholders) {
    if (normalized == placeholder) return true;
  }
  // `your_api_key`, `YOUR-TOKEN-HERE`, `insert_key_here`, `INSERT_ETCD_DISCOVERY_TOKEN`.
  return normalized.starts_with("your") || normalized.starts_with("insert") ||
         normalized.ends_with("here");
}

bool echoes_key(std::string_view key, std::string_view value) {
  auto normalize = [](std::string_view text) {
    std::string out;
    for (char c : text) {
      if (c != '-' && c != '_' && c != ' ' && c != '.') out.push_back(to_lower(c));
    }
    return out;
  };
  const std::string name = normalize(key);
  return name.size() >= 4 && normalize(value).find(name) != std::string::npos;
}

bool is_literal_secret_value(std::string_view value) {
  value = trim(value);
  if (value.empty() || is_only_references(value) || is_placeholder(value)) return false;
  if (looks_like_path(value)) return false;
  size_t after_scheme = 0;
  if (has_scheme(value, &after_scheme)) return find_credential(value).has_value();
  return true;
}

// --- credential formats ------------------------------------------------------------------

std::string_view describe(CredentialKind kind) {
  switch (kind) {
    case CredentialKind::AwsAccessKeyId:
      return "AWS access key id";
    case CredentialKind::GitHubToken:
      return "GitHub token";
    case CredentialKind::GitLabToken:
      return "GitLab personal access token";
    case CredentialKind::SlackToken:
      return "Slack token";
    case CredentialKind::StripeLiveKey:
      return "Stripe live secret key";
    case CredentialKind::GoogleApiKey:
      return "Google API key";
    case CredentialKind::PrivateKey:
      return "PEM private key";
    case CredentialKind::JsonWebToken:
      return "JSON Web Token";
    case CredentialKind::UrlWithPassword:
      return "URL with an embedded password";
  }
  return "credential";
}

std::string redact(std::string_view value, size_t keep_prefix) {
  keep_prefix = std::min(keep_prefix, value.size());
  if (value.size() >= 20) {
    const size_t hidden = value.size() - keep_prefix - 4;
    return std::string(value.substr(0, keep_prefix)) +
           std::string(std::min<size_t>(hidden, 12), '*') +
           std::string(value.substr(value.size() - 4));
  }
  if (keep_prefix > 0 && value.size() > keep_prefix) {
    return std::string(value.substr(0, keep_prefix)) + "****";
  }
  return "(redacted)";
}

namespace {

bool is_base32_upper(char c) { return is_upper(c) || (c >= '2' && c <= '7'); }
bool is_alnum_char(char c) { return is_alnum(c); }
bool is_alnum_underscore(char c) { return is_alnum(c) || c == '_'; }
bool is_base64url(char c) { return is_alnum(c) || c == '_' || c == '-'; }
bool is_slack_char(char c) { return is_alnum(c) || c == '-'; }

size_t run_length(std::string_view text, size_t from, bool (*allowed)(char)) {
  size_t i = from;
  while (i < text.size() && allowed(text[i])) ++i;
  return i - from;
}

// Random tokens use many distinct characters; `ghp_xxxxxxxx…` or `AKIA0000…` are examples.
bool looks_random(std::string_view body) {
  std::array<bool, 256> seen{};
  int distinct = 0;
  for (char c : body) {
    bool& slot = seen[static_cast<unsigned char>(c)];
    if (!slot) {
      slot = true;
      ++distinct;
    }
  }
  return distinct >= 6;
}

struct Candidate {
  CredentialKind kind;
  size_t length = 0;
  size_t keep_prefix = 0;
};

// Token formats `<prefix><body>` with a fixed alphabet; `exact` = 0 means "at least min".
struct TokenFormat {
  std::string_view prefix;
  CredentialKind kind;
  bool (*alphabet)(char);
  size_t min_length;
  size_t exact_length;
  bool case_sensitive_prefix;
};

constexpr TokenFormat kTokenFormats[] = {
    {"AKIA", CredentialKind::AwsAccessKeyId, is_base32_upper, 16, 16, true},
    {"ASIA", CredentialKind::AwsAccessKeyId, is_base32_upper, 16, 16, true},
    {"ghp_", CredentialKind::GitHubToken, is_alnum_char, 36, 36, true},
    {"gho_", CredentialKind::GitHubToken, is_alnum_char, 36, 36, true},
    {"ghu_", CredentialKind::GitHubToken, is_alnum_char, 36, 36, true},
    {"ghs_", CredentialKind::GitHubToken, is_alnum_char, 36, 36, true},
    {"ghr_", CredentialKind::GitHubToken, is_alnum_char, 36, 36, true},
    {"github_pat_", CredentialKind::GitHubToken, is_alnum_underscore, 22, 0, true},
    {"glpat-", CredentialKind::GitLabToken, is_base64url, 20, 0, true},
    {"sk_live_", CredentialKind::StripeLiveKey, is_alnum_char, 16, 0, true},
    {"rk_live_", CredentialKind::StripeLiveKey, is_alnum_char, 16, 0, true},
    {"AIza", CredentialKind::GoogleApiKey, is_base64url, 35, 35, true},
    {"xoxb-", CredentialKind::SlackToken, is_slack_char, 10, 0, true},
    {"xoxp-", CredentialKind::SlackToken, is_slack_char, 10, 0, true},
};

// First characters of the kTokenFormats prefixes.
constexpr auto kTokenStart = [] {
  std::array<bool, 256> starts{};
  for (const TokenFormat& format : kTokenFormats) {
    starts[static_cast<unsigned char>(format.prefix.front())] = true;
  }
  return starts;
}();

std::optional<Candidate> match_token(std::string_view text, size_t at, const TokenFormat& format) {
  if (text.substr(at, format.prefix.size()) != format.prefix) return std::nullopt;
  const size_t body_begin = at + format.prefix.size();
  const size_t body = run_length(text, body_begin, format.alphabet);
  if (body < format.min_length) return std::nullopt;
  if (format.exact_length != 0 && body != format.exact_length) return std::nullopt;
  const std::string_view body_text = text.substr(body_begin, body);
  if (!looks_random(body_text)) return std::nullopt;
  if (format.kind == CredentialKind::SlackToken &&
      std::none_of(body_text.begin(), body_text.end(), is_digit)) {
    return std::nullopt;
  }
  // The token must end here: `AKIA…` followed by more identifier characters is something else.
  const size_t end = body_begin + body;
  if (end < text.size() && is_alnum_underscore(text[end])) return std::nullopt;
  return Candidate{format.kind, end - at, format.prefix.size()};
}

std::optional<Candidate> match_slack_other(std::string_view text, size_t at) {
  // xoxa- (app) and xoxr- (refresh) share the Slack format.
  if (text.substr(at, 3) != "xox" || at + 4 >= text.size()) return std::nullopt;
  const char kind = text[at + 3];
  if ((kind != 'a' && kind != 'r') || text[at + 4] != '-') return std::nullopt;
  const size_t body = run_length(text, at + 5, is_slack_char);
  const std::string_view body_text = text.substr(at + 5, body);
  if (body < 10 || !looks_random(body_text) ||
      std::none_of(body_text.begin(), body_text.end(), is_digit)) {
    return std::nullopt;
  }
  return Candidate{CredentialKind::SlackToken, 5 + body, 5};
}

std::optional<Candidate> match_private_key(std::string_view text, size_t at) {
  static constexpr std::string_view kBegin = "-----BEGIN ";
  if (text.substr(at, kBegin.size()) != kBegin) return std::nullopt;
  size_t i = at + kBegin.size();
  const size_t limit = std::min(text.size(), i + 40);
  const size_t header_end = text.substr(i, limit - i).find("-----");
  if (header_end == std::string_view::npos) return std::nullopt;
  const std::string_view label = text.substr(i, header_end);
  if (!std::all_of(label.begin(), label.end(),
                   [](char c) { return is_upper(c) || is_digit(c) || c == ' '; })) {
    return std::nullopt;
  }
  if (!label.ends_with("PRIVATE KEY") && !label.ends_with("PRIVATE KEY BLOCK")) {
    return std::nullopt;
  }
  const size_t length = kBegin.size() + header_end + 5;
  return Candidate{CredentialKind::PrivateKey, length, length};  // the header is not secret
}

std::optional<Candidate> match_jwt(std::string_view text, size_t at) {
  if (text.substr(at, 3) != "eyJ") return std::nullopt;
  size_t i = at;
  for (int part = 0; part < 3; ++part) {
    if (part > 0) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
      if (part == 1 && text.substr(i, 3) != "eyJ") return std::nullopt;
    }
    const size_t length = run_length(text, i, is_base64url);
    if (length < 10) return std::nullopt;
    i += length;
  }
  return Candidate{CredentialKind::JsonWebToken, i - at, 3};
}

bool is_scheme_char(char c) { return is_alnum(c) || c == '+' || c == '.' || c == '-'; }

// `scheme://user:password@host` starting at `at` (the scheme's first character). Sets
// `host_end` to the end of the host, which the redacted text keeps.
std::optional<Candidate> match_url_password(std::string_view text, size_t at, size_t* host_end) {
  if (!is_alpha(text[at])) return std::nullopt;
  const size_t scheme = run_length(text, at, is_scheme_char);
  if (scheme > 32 || text.substr(at + scheme, 3) != "://") return std::nullopt;
  const size_t after = at + scheme + 3;
  const size_t userinfo_end = text.find_first_of("/?#@ \t\r\n\"'<>", after);
  if (userinfo_end == std::string_view::npos || text[userinfo_end] != '@') return std::nullopt;
  const std::string_view userinfo = text.substr(after, userinfo_end - after);
  const size_t colon = userinfo.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string_view password = userinfo.substr(colon + 1);
  // A password that starts with a reference (`$PASS`, `${TOKEN}`) is filled in at build or
  // run time, not baked into the text.
  if (password.empty() || password.starts_with('$') || password.starts_with('`') ||
      is_placeholder(password)) {
    return std::nullopt;
  }
  const size_t host_begin = userinfo_end + 1;
  if (host_begin >= text.size()) return std::nullopt;
  const char host_first = text[host_begin];
  if (!is_alnum(host_first) && host_first != '[' && host_first != '$') return std::nullopt;
  *host_end = std::min(text.find_first_of("/?# \t\r\n\"'", host_begin), text.size());
  return Candidate{CredentialKind::UrlWithPassword, host_begin - at, scheme + 3};
}

std::vector<CredentialMatch> scan(std::string_view text, bool first_only) {
  std::vector<CredentialMatch> matches;
  size_t i = 0;
  while (i < text.size()) {
    const char previous = i > 0 ? text[i - 1] : ' ';
    std::optional<Candidate> candidate;
    size_t host_end = 0;
    // Every format starts with a known character; most positions start none of them.
    const char c = text[i];
    if (!is_alnum_underscore(previous)) {
      if (kTokenStart[static_cast<unsigned char>(c)]) {
        for (const TokenFormat& format : kTokenFormats) {
          if ((candidate = match_token(text, i, format))) break;
        }
        if (!candidate && c == 'x') candidate = match_slack_other(text, i);
      }
      if (!candidate && c == 'e' && previous != '-' && previous != '.') {
        candidate = match_jwt(text, i);
      }
      if (!candidate && !is_scheme_char(previous)) {
        candidate = match_url_password(text, i, &host_end);
      }
    }
    if (!candidate && c == '-') candidate = match_private_key(text, i);
    if (!candidate) {
      ++i;
      continue;
    }
    CredentialMatch match{candidate->kind, i, candidate->length, {}};
    const std::string_view matched = text.substr(i, candidate->length);
    if (candidate->kind == CredentialKind::UrlWithPassword) {
      const size_t host_begin = i + candidate->length;
      const size_t host_length = std::min<size_t>(host_end - host_begin, 64);
      match.redacted = std::string(matched.substr(0, candidate->keep_prefix)) + "***:***@" +
                       std::string(text.substr(host_begin, host_length));
    } else if (candidate->kind == CredentialKind::PrivateKey) {
      match.redacted = std::string(matched);
    } else {
      match.redacted = redact(matched, candidate->keep_prefix);
    }
    matches.push_back(std::move(match));
    if (first_only) break;
    i += candidate->length;
  }
  return matches;
}

}  // namespace

std::vector<CredentialMatch> find_credentials(std::string_view text) { return scan(text, false); }

std::optional<CredentialMatch> find_credential(std::string_view text) {
  std::vector<CredentialMatch> matches = scan(text, true);
  if (matches.empty()) return std::nullopt;
  return std::move(matches.front());
}

}  // namespace berth::rules::secrets
