// rules/support/secrets: secret-looking keys, literal values, credential formats, redaction.
#include <doctest/doctest.h>

#include <string>

#include "analyzer/config/config.h"
#include "analyzer/engine/analyze.h"
#include "rules/registry.h"
#include "rules/support/secrets.h"
#include "tests/support/test_support.h"

using namespace berth::rules::secrets;

namespace {

std::string word_of(std::string_view key) {
  const auto match = secret_key(key);
  return match ? std::string(match->word) : std::string();
}

std::optional<CredentialKind> kind_of(std::string_view text) {
  const auto match = find_credential(text);
  if (!match) return std::nullopt;
  return match->kind;
}

}  // namespace

TEST_CASE("secrets: secret words match as whole words") {
  CHECK(word_of("DB_PASSWORD") == "PASSWORD");
  CHECK(word_of("password") == "PASSWORD");
  CHECK(word_of("MYSQL_ROOT_PASSWD") == "PASSWD");
  CHECK(word_of("JWT_SECRET") == "SECRET");
  CHECK(word_of("AWS_SECRET_ACCESS_KEY") == "SECRET");
  CHECK(word_of("AWS_ACCESS_KEY_ID") == "ACCESS_KEY");
  CHECK(word_of("GITHUB_TOKEN") == "TOKEN");
  CHECK(word_of("OPENAI_API_KEY") == "API_KEY");
  CHECK(word_of("openai_api_key") == "API_KEY");
  CHECK(word_of("SENDGRID_APIKEY") == "API_KEY");
  CHECK(word_of("SSH_PRIVATE_KEY") == "PRIVATE_KEY");
  CHECK(word_of("GOOGLE_CREDENTIALS") == "CREDENTIAL");
  CHECK(word_of("AUTH") == "AUTH");
  CHECK(word_of("X_AUTH") == "AUTH");
  CHECK(word_of("AUTH_TOKEN") == "AUTH");  // the first secret word names it
  CHECK(word_of("BASIC_AUTH") == "AUTH");
  CHECK(word_of("RAILS_MASTER_KEY") == "MASTER_KEY");
  CHECK(word_of("SECRET_KEY_BASE") == "SECRET");
  CHECK(word_of("NEW_RELIC_LICENSE_KEY") == "LICENSE_KEY");
  // Other separators and camelCase (ConfigMap keys, npm's `_authToken`).
  CHECK(word_of("db-password") == "PASSWORD");
  CHECK(word_of("database.password") == "PASSWORD");
  CHECK(word_of("dbPassword") == "PASSWORD");
  CHECK(word_of("_authToken") == "AUTH");
  CHECK(word_of("APIKey") == "API_KEY");
  // Trailing-only abbreviations.
  CHECK(word_of("DB_PASS") == "PASSWORD");
  CHECK(word_of("MYSQL_PWD") == "PASSWORD");
  CHECK(word_of("PGPASSWORD") == "PASSWORD");  // run-together names
  CHECK(word_of("MYSQL_ROOTPASSWORD") == "PASSWORD");
}

TEST_CASE("secrets: words inside other words and non-secret keys") {
  CHECK(word_of("AUTHOR") == "");
  CHECK(word_of("AUTHORS_LIST") == "");
  CHECK(word_of("OAUTH_CLIENT_ID") == "");
  CHECK(word_of("GPG_KEY") == "");  // public key fingerprints in official images
  CHECK(word_of("GPG_KEYS") == "");
  CHECK(word_of("KEYCLOAK_VERSION") == "");
  CHECK(word_of("TOKENIZERS_PARALLELISM") == "");
  CHECK(word_of("PWD") == "");
  CHECK(word_of("PASS_THROUGH") == "");
  CHECK(word_of("PATH") == "");
  CHECK(word_of("SECRETARY") == "");
  CHECK(word_of("") == "");
}

TEST_CASE("secrets: keys naming where or what kind of secret are excluded") {
  CHECK(word_of("PASSWORD_FILE") == "");
  CHECK(word_of("POSTGRES_PASSWORD_FILE") == "");
  CHECK(word_of("TOKEN_PATH") == "");
  CHECK(word_of("SECRETS_DIR") == "");
  CHECK(word_of("TOKEN_URL") == "");
  CHECK(word_of("SECRET_NAME") == "");
  CHECK(word_of("AUTH_USER") == "");
  CHECK(word_of("VAULT_TOKEN_VERSION") == "");
  CHECK(word_of("PUBLIC_KEY") == "");
  CHECK(word_of("NEXT_PUBLIC_API_KEY") == "");
  CHECK(word_of("STRIPE_PUBLISHABLE_KEY") == "");
  CHECK(word_of("AUTH_ENABLED") == "");
  CHECK(word_of("AUTH_TYPE") == "");
  CHECK(word_of("PASSWORD_MIN_LENGTH") == "");
  CHECK(word_of("password-stdin") == "");
}

TEST_CASE("secrets: literal values") {
  CHECK(is_literal_secret_value("s3cr3t-Value"));
  CHECK(is_literal_secret_value("hunter2"));
  CHECK(is_literal_secret_value("${PREFIX}abc"));  // a literal part is baked in
  CHECK(is_literal_secret_value("test"));
  CHECK(is_literal_secret_value("https://user:pa55@example.com"));
  CHECK_FALSE(is_literal_secret_value(""));
  CHECK_FALSE(is_literal_secret_value("   "));
  CHECK_FALSE(is_literal_secret_value("$DB_PASSWORD"));
  CHECK_FALSE(is_literal_secret_value("${DB_PASSWORD}"));
  CHECK_FALSE(is_literal_secret_value("${TOKEN:-}"));
  CHECK_FALSE(is_literal_secret_value("\"${A}\" $B"));
  CHECK_FALSE(is_literal_secret_value("$(cat /run/secrets/token)"));
  CHECK_FALSE(is_literal_secret_value("`cat /run/secrets/token`"));
  CHECK_FALSE(is_literal_secret_value("/run/secrets/db_password"));
  CHECK_FALSE(is_literal_secret_value("./key.json"));
  CHECK_FALSE(is_literal_secret_value("$HOME/.config/gcloud/application_default_credentials.json"));
  CHECK_FALSE(is_literal_secret_value("service-account.json"));
  CHECK_FALSE(is_literal_secret_value("https://auth.example.com/token"));
  CHECK_FALSE(is_literal_secret_value("changeme"));
  CHECK_FALSE(is_literal_secret_value("<your-token>"));
}

TEST_CASE("secrets: placeholders") {
  for (std::string_view value : {"changeme",
                                 "CHANGE_ME",
                                 "change-me",
                                 "changeit",
                                 "<password>",
                                 "{{ .Values.token }}",
                                 "xxxx",
                                 "XXXX-XXXX",
                                 "****",
                                 "...",
                                 "your_api_key_here",
                                 "YOUR-TOKEN",
                                 "REPLACE_ME",
                                 "TODO",
                                 "dummy",
                                 "none",
                                 "null",
                                 "true",
                                 "False",
                                 "0",
                                 "1",
                                 "password",
                                 "secret"}) {
    CAPTURE(value);
    CHECK(is_placeholder(value));
  }
  for (std::string_view value : {"hunter2", "p@ssw0rd", "0000", "1234", "admin", "test"}) {
    CAPTURE(value);
    CHECK_FALSE(is_placeholder(value));
  }
}

TEST_CASE("secrets: template slots and settings prefixes") {
  CHECK(echoes_key("HF_TOKEN", "HF_TOKEN"));
  CHECK(echoes_key("GOOGLE_API_KEY", "google-api-key-val"));
  CHECK_FALSE(echoes_key("HF_TOKEN", "hf_abc123"));
  CHECK(word_of("GF_AUTH_ANONYMOUS_ORG_ROLE") == "");  // AUTH as a settings prefix
  CHECK(word_of("MAX_TOTAL_TOKENS") == "");
  CHECK(word_of("AUTH_LDAP_BIND_PASSWORD") == "PASSWORD");
}

TEST_CASE("secrets: references only") {
  CHECK(is_only_references("$A"));
  CHECK(is_only_references("${A}${B:-x}"));
  CHECK(is_only_references("$(cat /x) `y`"));
  CHECK(is_only_references(""));
  CHECK_FALSE(is_only_references("a$B"));
  CHECK_FALSE(is_only_references("${A"));  // unterminated: literal text
  CHECK_FALSE(is_only_references("$"));
}

TEST_CASE("secrets: credential formats") {
  CHECK(kind_of("AKIAIOSFODNN7EXAMPLE") == CredentialKind::AwsAccessKeyId);
  CHECK(kind_of("key=ASIAY34FZKBOKMUTVV7A;") == CredentialKind::AwsAccessKeyId);
  CHECK(kind_of("ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8") == CredentialKind::GitHubToken);
  CHECK(kind_of("gho_16C7e42F292c6912E7710c838347Ae178B4a") == CredentialKind::GitHubToken);
  CHECK(kind_of("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGH") ==
        CredentialKind::GitHubToken);
  CHECK(kind_of("glpat-Ab3dE5gH7jK9mN1pQ2rS") == CredentialKind::GitLabToken);
  CHECK(kind_of("xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp") == CredentialKind::SlackToken);
  CHECK(kind_of("xoxp-2345678901-abcdefghij") == CredentialKind::SlackToken);
  CHECK(kind_of("sk_live_4eC39HqLyjWDarjtT1zdp7dc") == CredentialKind::StripeLiveKey);
  CHECK(kind_of("AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe") == CredentialKind::GoogleApiKey);
  CHECK(kind_of("-----BEGIN RSA PRIVATE KEY-----\nMIIE") == CredentialKind::PrivateKey);
  CHECK(kind_of("-----BEGIN OPENSSH PRIVATE KEY-----") == CredentialKind::PrivateKey);
  CHECK(kind_of("-----BEGIN PRIVATE KEY-----") == CredentialKind::PrivateKey);
  CHECK(kind_of("-----BEGIN PGP PRIVATE KEY BLOCK-----") == CredentialKind::PrivateKey);
  CHECK(kind_of("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
                "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U") == CredentialKind::JsonWebToken);
  CHECK(kind_of("postgres://app:s3cr3t@db:5432/app") == CredentialKind::UrlWithPassword);
  CHECK(kind_of("redis://:s3cr3t@cache:6379") == CredentialKind::UrlWithPassword);
  CHECK(kind_of("git clone https://bot:abc123@github.com/o/r.git") ==
        CredentialKind::UrlWithPassword);
}

TEST_CASE("secrets: near misses are not credentials") {
  CHECK_FALSE(kind_of("AKIAIOSFODNN7EXAMPLEX"));  // too long
  CHECK_FALSE(kind_of("XAKIAIOSFODNN7EXAMPLE"));  // inside an identifier
  CHECK_FALSE(kind_of("AKIA0000000000000000"));   // not base32
  CHECK_FALSE(kind_of("AKIAAAAAAAAAAAAAAAAA"));   // not random
  CHECK_FALSE(kind_of("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
  CHECK_FALSE(kind_of("ghp_short"));
  CHECK_FALSE(kind_of("-----BEGIN CERTIFICATE-----"));
  CHECK_FALSE(kind_of("-----BEGIN PUBLIC KEY-----"));
  CHECK_FALSE(kind_of("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
  CHECK_FALSE(kind_of("eyJhbGciOiJIUzI1NiJ9"));  // one JSON segment is not a token
  CHECK_FALSE(kind_of("https://example.com/a@b"));
  CHECK_FALSE(kind_of("https://user@example.com"));
  CHECK_FALSE(kind_of("https://user:@example.com"));
  CHECK_FALSE(kind_of("https://${USER}:${PASS}@example.com"));
  CHECK_FALSE(kind_of("https://user:$TOKEN@example.com"));
  CHECK_FALSE(kind_of("https://user:password@example.com"));  // documentation placeholder
  CHECK_FALSE(kind_of("https://user:<password>@example.com"));
  CHECK_FALSE(kind_of("http://host:8080/path@x"));
  CHECK_FALSE(kind_of("git@github.com:owner/repo.git"));
  CHECK_FALSE(kind_of("sk_test_4eC39HqLyjWDarjtT1zdp7dc"));
  CHECK_FALSE(kind_of("xoxb-abcdefghijkl"));  // Slack ids carry digits
}

TEST_CASE("secrets: find_credentials returns every match with offsets") {
  const std::string text =
      "a=AKIAIOSFODNN7EXAMPLE b=https://u:pw1@h/x c=glpat-Ab3dE5gH7jK9mN1pQ2rS";
  const auto matches = find_credentials(text);
  REQUIRE(matches.size() == 3);
  CHECK(matches[0].kind == CredentialKind::AwsAccessKeyId);
  CHECK(text.substr(matches[0].offset, matches[0].length) == "AKIAIOSFODNN7EXAMPLE");
  CHECK(matches[1].kind == CredentialKind::UrlWithPassword);
  CHECK(text.substr(matches[1].offset, matches[1].length) == "https://u:pw1@");
  CHECK(matches[2].kind == CredentialKind::GitLabToken);
}

TEST_CASE("secrets: redaction never reveals the value") {
  CHECK(redact("AKIAIOSFODNN7EXAMPLE", 4) == "AKIA************MPLE");
  CHECK(redact("hunter2") == "(redacted)");
  CHECK(redact("ghp_abc", 4) == "ghp_****");
  const std::string token = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
  const std::string redacted = redact(token, 4);
  CHECK(redacted.find("A1b2C3") == std::string::npos);
  CHECK(redacted.size() < token.size());  // the length is not revealed either

  const auto url = find_credential("https://bot:abc123@github.com/o/r.git");
  REQUIRE(url);
  CHECK(url->redacted == "https://***:***@github.com");
  const auto key = find_credential("AKIAIOSFODNN7EXAMPLE");
  REQUIRE(key);
  CHECK(key->redacted == "AKIA************MPLE");
  CHECK(describe(key->kind) == "AWS access key id");
}

TEST_CASE("secrets: DF301/DF302/DF304 messages never contain the planted values") {
  // Every secret planted in the rules' fail fixtures; messages may name keys and formats.
  const std::vector<std::string> planted = {"hunter2-prod",
                                            "s0me-quoted token",
                                            "AKIAIOSFODNN7EXAMPLE",
                                            "sk-proj-legacy-form-value",
                                            "Zm9vOmJhcg",
                                            "Tr0ub4dor&3",
                                            "correct horse",
                                            "5f2b8c0e9a7d4b1c",
                                            "s3cr3t",
                                            "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8",
                                            "glpat-Ab3dE5gH7jK9mN1pQ2rS",
                                            "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
                                            "abc123def456",
                                            "p4ss",
                                            "dev-only",
                                            "Zx9kL2pQ",
                                            "Sup3rS3cret",
                                            "Tok3nValue",
                                            "gh0stPass",
                                            "R00tPw",
                                            "Regp4ss",
                                            "pgSecret1",
                                            "npm_abcDEF123456",
                                            "npmTok3n",
                                            "W3bPass",
                                            "GR1348941abcDEF",
                                            "Docker!",
                                            "s3cretPw",
                                            "Adm1nPw",
                                            "n3trcPw",
                                            "Exec5ecret",
                                            "SshPw1"};
  const std::string root = berth::test::source_dir() + "/rules/dockerfile/";
  berth::RuleSelection selection;
  selection.only = {"DF301", "DF302", "DF304"};
  const berth::Config config;  // outlives the rule set, which points to it
  const auto resolved = berth::RuleSet::resolve(berth::rules::catalogue(), config, selection);
  REQUIRE(std::holds_alternative<berth::RuleSet>(resolved));
  berth::ScanInput input;
  input.paths = {root + "secret_in_env/fail.Dockerfile",
                 root + "secret_in_env/fail.crlf.Dockerfile",
                 root + "secret_in_arg/fail.Dockerfile", root + "secret_in_run/fail.Dockerfile"};
  input.jobs = 1;
  const auto findings = berth::scan(input, std::get<berth::RuleSet>(resolved)).findings.to_vector();
  CHECK(findings.size() >= 35);  // every fail fixture finding is looked at
  for (const berth::Finding& finding : findings) {
    for (const std::string& value : planted) {
      CAPTURE(finding.message);
      CHECK(finding.message.find(value) == std::string::npos);
    }
  }
}
