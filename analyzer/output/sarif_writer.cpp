// SARIF 2.1.0 for GitHub code scanning: one run, full rules[] metadata, relative URIs under
// %SRCROOT%, UTF-16 columns, logical locations for Kubernetes objects, fixes.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "analyzer/engine/rule.h"
#include "analyzer/output/report.h"

namespace berth {

namespace {

using nlohmann::json;

constexpr size_t kGithubMaxResults = 25000;

std::string sarif_level(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "warning";
}

// RFC 3986: keep unreserved characters and '/', percent-encode the rest.
std::string uri_encode(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : path) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// The first paragraph of the docs after "## What it does" (SARIF fullDescription).
std::string full_description(const RuleInfo& rule) {
  std::string_view docs = rule.docs;
  const size_t heading = docs.find("## What it does");
  if (heading == std::string_view::npos) return std::string(rule.summary);
  docs.remove_prefix(heading + 15);
  while (!docs.empty() && (docs.front() == '\n' || docs.front() == ' ')) docs.remove_prefix(1);
  const size_t end = docs.find("\n\n");
  std::string text(docs.substr(0, end));
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return text.empty() ? std::string(rule.summary) : text;
}

json rule_json(const RuleInfo& rule, Severity configured) {
  json tags = json::array();
  for (std::string_view tag : rule.tags) tags.push_back(tag);
  json properties = {{"tags", tags}, {"precision", "high"}};
  if (!rule.security_severity.empty()) {
    properties["security-severity"] = std::string(rule.security_severity);
  }
  const std::string docs = rule.docs.empty() ? std::string(rule.summary) : std::string(rule.docs);
  return {{"id", rule.code},
          {"name", rule.name},
          {"shortDescription", {{"text", rule.summary}}},
          {"fullDescription", {{"text", full_description(rule)}}},
          {"help", {{"text", docs}, {"markdown", docs}}},
          {"helpUri", rule_help_uri(rule)},
          {"defaultConfiguration", {{"level", sarif_level(configured)}}},
          {"properties", properties}};
}

json region_json(const Location& start, const Location& end) {
  json region = {{"startLine", start.line}, {"startColumn", start.utf16_column}};
  region["endLine"] = std::max(end.line, start.line);
  region["endColumn"] = (end.line > start.line || end.utf16_column > start.utf16_column)
                            ? end.utf16_column
                            : start.utf16_column + 1;
  return region;
}

json artifact_location(const std::string& path) {
  return {{"uri", uri_encode(path)}, {"uriBaseId", "%SRCROOT%"}};
}

}  // namespace

std::string rule_help_uri(const RuleInfo& rule) {
  return "https://berth.dev/rules/" + std::string(rule.code) + ".html";
}

void write_sarif(const ScanResult& result, const RuleSet& rules, const ReportOptions& options,
                 std::ostream& out) {
  json rules_json = json::array();
  std::map<std::string_view, size_t> rule_index;
  for (const ActiveRule& active : rules.active()) {
    rule_index[active.rule->info().code] = rules_json.size();
    rules_json.push_back(rule_json(active.rule->info(), active.severity));
  }

  // GitHub rejects runs over 25,000 results: keep the most severe, stably.
  std::vector<const Finding*> kept;
  for (const Finding& finding : result.findings) kept.push_back(&finding);
  json notifications = json::array();
  if (kept.size() > kGithubMaxResults) {
    std::stable_sort(kept.begin(), kept.end(), [](const Finding* a, const Finding* b) {
      return a->severity > b->severity;
    });
    const size_t dropped = kept.size() - kGithubMaxResults;
    kept.resize(kGithubMaxResults);
    notifications.push_back(
        {{"level", "warning"},
         {"message",
          {{"text", std::to_string(dropped) +
                        " less severe results were left out: GitHub accepts at most 25000 "
                        "results per run"}}}});
  }

  json results = json::array();
  for (const Finding* finding : kept) {
    const RuleInfo& rule = *finding->rule;
    if (!rule_index.count(rule.code)) {
      rule_index[rule.code] = rules_json.size();
      rules_json.push_back(rule_json(rule, finding->severity));
    }
    json location = {{"physicalLocation",
                      {{"artifactLocation", artifact_location(finding->path)},
                       {"region", region_json(finding->start, finding->end)}}}};
    if (!finding->logical.empty()) {
      const LogicalLocation& logical = finding->logical;
      std::string fqn = logical.kind + "/" +
                        (logical.namespace_.empty() ? "" : logical.namespace_ + "/") +
                        logical.name;
      json logical_locations = json::array();
      logical_locations.push_back(
          {{"name", logical.name}, {"fullyQualifiedName", fqn}, {"kind", "object"}});
      if (!logical.container.empty()) {
        logical_locations.push_back({{"name", logical.container},
                                     {"fullyQualifiedName", fqn + "/" + logical.container},
                                     {"kind", "member"}});
      }
      location["logicalLocations"] = logical_locations;
    }
    json item = {{"ruleId", rule.code},
                 {"ruleIndex", rule_index[rule.code]},
                 {"level", sarif_level(finding->severity)},
                 {"message", {{"text", finding->message}}},
                 {"locations", json::array({location})}};
    if (finding->fix && !finding->fix->edits.empty()) {
      json replacements = json::array();
      for (const TextEdit& edit : finding->fix->edits) {
        replacements.push_back({{"deletedRegion", region_json(edit.start, edit.end)},
                                {"insertedContent", {{"text", edit.replacement}}}});
      }
      item["fixes"] = json::array(
          {{{"description", {{"text", finding->fix->title}}},
            {"artifactChanges",
             json::array({{{"artifactLocation", artifact_location(finding->path)},
                           {"replacements", replacements}}})}}});
    }
    results.push_back(std::move(item));
  }
  for (const FileError& error : result.errors) {
    notifications.push_back(
        {{"level", "error"}, {"message", {{"text", error.path + ": " + error.message}}}});
  }

  std::error_code ec;
  std::string root = std::filesystem::current_path(ec).string();
  if (root.empty() || root.back() != '/') root += '/';
  json run = {{"tool",
               {{"driver",
                 {{"name", "berth"},
                  {"semanticVersion", BERTH_VERSION},
                  {"version", BERTH_VERSION},
                  {"informationUri", "https://berth.dev"},
                  {"rules", rules_json}}}}},
              {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", "file://" + uri_encode(root)}}}}},
              {"columnKind", "utf16CodeUnits"},
              {"results", results},
              {"invocations",
               json::array({{{"executionSuccessful", true},
                             {"toolExecutionNotifications", notifications}}})}};
  if (!options.sarif_category.empty()) {
    run["automationDetails"] = {{"id", options.sarif_category}};
  }
  json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({run})}};
  out << log.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace berth
