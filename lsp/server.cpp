// The language server: message dispatch on the reader thread, analysis on one worker.
//
// Threads and state. `mutex_` guards the document store (text, version, pending tree edits),
// the published snapshots and the pending pull requests; it is only held for copies and
// bookkeeping, never during parsing or rules, so reading never waits for an analysis. The
// worker alone owns the tree-sitter trees and the cross-resource index of open manifests.
#include "lsp/server.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "analyzer/engine/analyze.h"
#include "analyzer/syntax/tree_sitter.h"
#include "lsp/features.h"
#include "lsp/manifest_parts.h"
#include "lsp/transport.h"
#include "rules/registry.h"

namespace berth::lsp {

namespace {

using Clock = std::chrono::steady_clock;

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;
constexpr int kRequestCancelled = -32800;

struct InvalidParams : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads a required member, with an InvalidParams error naming it otherwise.
const json& member(const json& object, const char* name) {
  if (!object.is_object() || !object.contains(name)) {
    throw InvalidParams(std::string("missing '") + name + "'");
  }
  return object[name];
}

std::string string_member(const json& object, const char* name) {
  const json& value = member(object, name);
  if (!value.is_string()) throw InvalidParams(std::string("'") + name + "' must be a string");
  return value.get<std::string>();
}

Position position_member(const json& object, const char* name) {
  const json& value = member(object, name);
  const json& line = member(value, "line");
  const json& character = member(value, "character");
  if (!line.is_number_unsigned() && !(line.is_number_integer() && line.get<int64_t>() >= 0)) {
    throw InvalidParams("'line' must be a non-negative integer");
  }
  if (!character.is_number_unsigned() &&
      !(character.is_number_integer() && character.get<int64_t>() >= 0)) {
    throw InvalidParams("'character' must be a non-negative integer");
  }
  return {static_cast<uint32_t>(std::min<uint64_t>(line.get<uint64_t>(), UINT32_MAX)),
          static_cast<uint32_t>(std::min<uint64_t>(character.get<uint64_t>(), UINT32_MAX))};
}

bool flag(const json& root, std::initializer_list<const char*> path) {
  const json* node = &root;
  for (const char* key : path) {
    if (!node->is_object() || !node->contains(key)) return false;
    node = &(*node)[key];
  }
  return node->is_boolean() ? node->get<bool>() : node->is_object();
}

const json* find_path(const json& root, std::initializer_list<const char*> path) {
  const json* node = &root;
  for (const char* key : path) {
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &(*node)[key];
  }
  return node;
}

struct DocState {
  std::string path;
  FileKind kind = FileKind::Other;
  int64_t version = 0;
  std::string text;
  std::vector<TSInputEdit> edits;  // applied to the text, not yet to the worker's tree
  bool from_scratch = true;        // a full replacement: reparse without the old tree
  bool dirty = true;
  Clock::time_point due{};
  Clock::time_point last_start{};
};

struct PendingPull {
  json id;
  std::string uri;
  std::string previous_result_id;
};

// User settings, from initializationOptions or workspace/didChangeConfiguration.
struct Settings {
  std::optional<std::string> config_file;
  RuleSelection selection;
  int debounce_ms = 50;
};

// What the worker keeps of an open manifest between versions.
struct CachedText {
  std::shared_ptr<const PartAnalysis> analysis;  // keeps the key alive
  std::shared_ptr<const DiagnosticsText> text;
  std::string message;  // of a cross-resource finding (not part of its key)
};
// Where a cross-resource finding is: its document, its span in it, rule and severity.
struct CrossKey {
  const PartAnalysis* part = nullptr;
  Span span;
  const RuleInfo* rule = nullptr;
  Severity severity = Severity::Warning;
  bool operator==(const CrossKey&) const = default;
};
struct CrossKeyHash {
  size_t operator()(const CrossKey& key) const {
    size_t hash = std::hash<const void*>()(key.part);
    for (size_t value : {size_t{key.span.begin}, size_t{key.span.end},
                         std::hash<const void*>()(key.rule), static_cast<size_t>(key.severity)}) {
      hash = hash * 1000003 ^ value;
    }
    return hash;
  }
};
struct ManifestState {
  std::shared_ptr<const Profile> profile;  // the rules `parts` were analysed with
  ManifestParts parts;
  ClientFeatures text_client;     // what the texts were serialized for
  std::vector<CachedText> texts;  // the documents' diagnostics, in order
  std::unordered_map<CrossKey, CachedText, CrossKeyHash> cross_texts;  // cross-resource
  std::string message;  // the last publishDiagnostics
};

class Server {
 public:
  Server(int in_fd, int out_fd, const ServerOptions& options) : in_fd_(in_fd), out_fd_(out_fd) {
    settings_.debounce_ms = options.debounce_ms;
  }

  int run() {
    worker_ = std::thread([this] { work(); });
    FrameReader reader;
    std::string body;
    char buffer[64 * 1024];
    while (!exit_code_) {
      const ssize_t n = ::read(in_fd_, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // end of input: the client is gone
      reader.feed(std::string_view(buffer, static_cast<size_t>(n)));
      while (!exit_code_) {
        const FrameReader::Status status = reader.next(&body);
        if (status == FrameReader::Status::NeedMore) break;
        if (status == FrameReader::Status::BadHeader) {
          std::cerr << "berth lsp: bad message header: " << body << "\n";
          send_error(nullptr, kParseError, "bad message header: " + body);
          continue;
        }
        handle_message(body);
      }
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    worker_.join();
    if (exit_code_) return *exit_code_;
    return shutdown_ ? 0 : 1;
  }

 private:
  // ---- Output ------------------------------------------------------------------------------

  // Writes one message, header and body in one system call where possible (one wakeup of
  // the client), without copying a large body.
  void send_text(std::string_view body) {
    const std::string header = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    std::lock_guard<std::mutex> lock(write_mutex_);
    size_t written = 0;
    const size_t total = header.size() + body.size();
    while (written < total) {
      iovec parts[2];
      int count = 0;
      if (written < header.size()) {
        parts[count++] = {const_cast<char*>(header.data()) + written, header.size() - written};
      }
      const size_t body_written = written > header.size() ? written - header.size() : 0;
      parts[count++] = {const_cast<char*>(body.data()) + body_written, body.size() - body_written};
      const ssize_t n = ::writev(out_fd_, parts, count);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;  // the client closed its end; the reader will see EOF
      written += static_cast<size_t>(n);
    }
  }
  void send(const json& message) {
    send_text(message.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  void send_result(const json& id, const json& result) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
  }
  void send_error(const json& id, int code, const std::string& message) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }
  void notify(const std::string& method, const json& params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  void request(const std::string& method, const json& params,
               std::function<void(const json&)> on_result = nullptr) {
    const std::string id = "berth-" + std::to_string(++next_request_id_);
    if (on_result) {
      std::lock_guard<std::mutex> lock(responses_mutex_);
      responses_[id] = std::move(on_result);
    }
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
  }

  // ---- Dispatch ----------------------------------------------------------------------------

  void handle_message(const std::string& body) {
    json message = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (message.is_discarded()) {
      send_error(nullptr, kParseError, "invalid JSON");
      return;
    }
    if (!message.is_object()) {
      send_error(nullptr, kInvalidRequest, "a message must be a JSON object");
      return;
    }
    const bool has_id = message.contains("id");
    json id = has_id ? message["id"] : json();
    if (has_id && !id.is_string() && !id.is_number_integer()) {
      send_error(nullptr, kInvalidRequest, "invalid id");
      return;
    }
    if (!message.contains("method")) {
      if (has_id && (message.contains("result") || message.contains("error"))) {
        handle_response(id, message);
      } else {
        send_error(has_id ? id : json(), kInvalidRequest, "neither a request nor a response");
      }
      return;
    }
    if (!message["method"].is_string()) {
      send_error(has_id ? id : json(), kInvalidRequest, "'method' must be a string");
      return;
    }
    const std::string method = message["method"];
    const json params = message.contains("params") ? message["params"] : json::object();
    try {
      if (has_id) {
        handle_request(id, method, params);
      } else {
        handle_notification(method, params);
      }
    } catch (const InvalidParams& e) {
      if (has_id) send_error(id, kInvalidParams, e.what());
      std::cerr << "berth lsp: invalid params for " << method << "\n";
    } catch (const json::exception& e) {
      if (has_id) send_error(id, kInvalidParams, std::string("invalid params: ") + e.what());
      std::cerr << "berth lsp: invalid params for " << method << "\n";
    } catch (const std::exception& e) {
      if (has_id) send_error(id, kInternalError, e.what());
      std::cerr << "berth lsp: internal error in " << method << "\n";
    }
  }

  void handle_response(const json& id, const json& message) {
    const std::string key = id.is_string() ? id.get<std::string>() : id.dump();
    std::function<void(const json&)> callback;
    {
      std::lock_guard<std::mutex> lock(responses_mutex_);
      auto it = responses_.find(key);
      if (it == responses_.end()) return;
      callback = std::move(it->second);
      responses_.erase(it);
    }
    if (message.contains("result")) callback(message["result"]);
  }

  void handle_request(const json& id, const std::string& method, const json& params) {
    if (method == "initialize") {
      if (initialized_) {
        send_error(id, kInvalidRequest, "initialize was already received");
        return;
      }
      initialize(id, params);
      return;
    }
    if (!initialized_) {
      send_error(id, kServerNotInitialized, "the server is not initialized");
      return;
    }
    if (shutdown_) {
      send_error(id, kInvalidRequest, "the server is shutting down");
      return;
    }
    if (method == "shutdown") {
      shutdown_ = true;
      send_result(id, nullptr);
    } else if (method == "textDocument/hover") {
      on_hover(id, params);
    } else if (method == "textDocument/codeAction") {
      on_code_action(id, params);
    } else if (method == "textDocument/diagnostic") {
      on_pull_diagnostics(id, params);
    } else {
      send_error(id, kMethodNotFound, "unknown method: " + method);
    }
  }

  void handle_notification(const std::string& method, const json& params) {
    if (method == "exit") {
      exit_code_ = shutdown_ ? 0 : 1;
      return;
    }
    if (!initialized_) return;  // dropped before initialize, as the spec says
    if (method == "initialized") {
      on_initialized();
    } else if (method == "textDocument/didOpen") {
      on_did_open(params);
    } else if (method == "textDocument/didChange") {
      on_did_change(params);
    } else if (method == "textDocument/didClose") {
      on_did_close(params);
    } else if (method == "textDocument/didSave") {
      on_did_save(params);
    } else if (method == "workspace/didChangeConfiguration") {
      on_did_change_configuration(params);
    } else if (method == "workspace/didChangeWatchedFiles") {
      on_did_change_watched_files(params);
    } else if (method == "$/cancelRequest") {
      on_cancel(params);
    }
    // Anything else ($/setTrace, $/progress, unknown notifications) is ignored.
  }

  // ---- Lifecycle ---------------------------------------------------------------------------

  void initialize(const json& id, const json& params) {
    if (!params.is_object()) throw InvalidParams("initialize needs params");
    const json capabilities = params.value("capabilities", json::object());
    ClientFeatures client;
    if (const json* encodings = find_path(capabilities, {"general", "positionEncodings"})) {
      if (encodings->is_array()) {
        for (const json& encoding : *encodings) {
          if (encoding == "utf-8") client.encoding = Encoding::Utf8;
        }
      }
    }
    const json* publish = find_path(capabilities, {"textDocument", "publishDiagnostics"});
    client.related_information = publish && flag(*publish, {"relatedInformation"});
    client.tag_support = publish && flag(*publish, {"tagSupport"});
    client.code_description = publish && flag(*publish, {"codeDescriptionSupport"});
    client.data_support = publish && flag(*publish, {"dataSupport"});
    client.pull_diagnostics = flag(capabilities, {"textDocument", "diagnostic"});
    client.diagnostic_refresh = flag(capabilities, {"workspace", "diagnostics", "refreshSupport"});
    client.document_changes = flag(capabilities, {"workspace", "workspaceEdit", "documentChanges"});
    client.watched_files_registration =
        flag(capabilities, {"workspace", "didChangeWatchedFiles", "dynamicRegistration"});
    client.configuration_registration =
        flag(capabilities, {"workspace", "didChangeConfiguration", "dynamicRegistration"});
    client.configuration_pull = flag(capabilities, {"workspace", "configuration"});
    client.markdown_hover = true;
    if (const json* formats = find_path(capabilities, {"textDocument", "hover", "contentFormat"})) {
      client.markdown_hover = false;
      if (formats->is_array()) {
        for (const json& format : *formats) {
          if (format == "markdown") client.markdown_hover = true;
        }
      }
    }
    if (params.contains("initializationOptions")) apply_settings(params["initializationOptions"]);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      client_ = client;
    }
    initialized_ = true;
    std::cerr << "berth lsp: initialized ("
              << (client.encoding == Encoding::Utf8 ? "utf-8" : "utf-16") << ", "
              << (client.pull_diagnostics ? "pull" : "push") << " diagnostics)\n";
    json result = {
        {"capabilities",
         {{"positionEncoding", client.encoding == Encoding::Utf8 ? "utf-8" : "utf-16"},
          {"textDocumentSync",
           {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
          {"diagnosticProvider",
           {{"identifier", "berth"},
            {"interFileDependencies", true},
            {"workspaceDiagnostics", false}}},
          {"codeActionProvider",
           {{"codeActionKinds", {"quickfix", "source.fixAll.berth"}}, {"resolveProvider", false}}},
          {"hoverProvider", true},
          {"workspace", {{"workspaceFolders", {{"supported", true}}}}}}},
        {"serverInfo", {{"name", "berth"}, {"version", BERTH_VERSION}}}};
    send_result(id, result);
  }

  void on_initialized() {
    ClientFeatures client = client_features();
    if (client.watched_files_registration) {
      request(
          "client/registerCapability",
          {{"registrations",
            {{{"id", "berth-config-files"},
              {"method", "workspace/didChangeWatchedFiles"},
              {"registerOptions",
               {{"watchers",
                 {{{"globPattern", "**/.berth.yaml"}}, {{"globPattern", "**/.berth.yml"}}}}}}}}}});
    }
    if (client.configuration_registration) {
      request(
          "client/registerCapability",
          {{"registrations",
            {{{"id", "berth-configuration"}, {"method", "workspace/didChangeConfiguration"}}}}});
    }
    pull_configuration();
  }

  void pull_configuration() {
    if (!client_features().configuration_pull) return;
    request("workspace/configuration", {{"items", {{{"section", "berth"}}}}},
            [this](const json& result) {
              if (result.is_array() && !result.empty() && result[0].is_object()) {
                apply_settings(result[0]);
                configuration_changed();
              }
            });
  }

  // ---- Settings and configuration ----------------------------------------------------------

  // `{configFile, debounceMs, rules: {CODE-or-name: off|info|warning|error}}`, top-level or
  // under "berth".
  void apply_settings(const json& raw) {
    if (!raw.is_object()) return;
    const json& settings = raw.contains("berth") && raw["berth"].is_object() ? raw["berth"] : raw;
    std::lock_guard<std::mutex> lock(mutex_);
    if (settings.contains("configFile")) {
      const json& file = settings["configFile"];
      settings_.config_file = file.is_string() && !file.get<std::string>().empty()
                                  ? std::optional<std::string>(file.get<std::string>())
                                  : std::nullopt;
    }
    if (settings.contains("debounceMs") && settings["debounceMs"].is_number()) {
      settings_.debounce_ms = std::clamp(settings["debounceMs"].get<int>(), 0, 10000);
    }
    if (settings.contains("rules") && settings["rules"].is_object()) {
      RuleSelection selection;
      for (const auto& [rule, level] : settings["rules"].items()) {
        if (!level.is_string()) continue;
        const std::string text = level.get<std::string>();
        if (text == "off") {
          selection.disable.push_back(rule);
        } else if (auto severity = parse_severity(text)) {
          selection.enable.push_back(rule);
          selection.severity.emplace_back(rule, *severity);
        }
      }
      settings_.selection = selection;
    }
  }

  // Settings or a config file changed: every profile is stale, every document re-analysed.
  void configuration_changed() {
    {
      std::lock_guard<std::mutex> lock(profiles_mutex_);
      profiles_.clear();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    ++generation_;
    for (auto& [uri, doc] : docs_) {
      doc.dirty = true;
      doc.due = Clock::now();
    }
    wake_.notify_all();
  }

  std::shared_ptr<const Profile> profile_for(const std::string& path) {
    Settings settings;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      settings = settings_;
    }
    std::optional<std::string> config_path = settings.config_file;
    if (!config_path && path.starts_with("/")) {
      config_path = discover_config(std::filesystem::path(path).parent_path().string());
    }
    const std::string key = config_path.value_or("");
    std::lock_guard<std::mutex> lock(profiles_mutex_);
    if (auto it = profiles_.find(key); it != profiles_.end()) return it->second;
    auto profile = std::make_shared<Profile>();
    const auto infos = infos_of(rules::catalogue());
    if (config_path) {
      auto loaded = load_config(*config_path, infos);
      if (auto* config = std::get_if<Config>(&loaded)) {
        profile->config = std::move(*config);
        profile->config_path = *config_path;
        std::cerr << "berth lsp: using config " << *config_path << "\n";
      } else {
        const std::string message = std::get<ConfigError>(loaded).to_string();
        std::cerr << "berth lsp: " << message << " (using defaults)\n";
        notify("window/showMessage", {{"type", 1}, {"message", "berth: " + message}});
      }
    }
    auto resolved = RuleSet::resolve(rules::catalogue(), profile->config, settings.selection);
    if (auto* rules = std::get_if<RuleSet>(&resolved)) {
      profile->rules = std::move(*rules);
    } else {
      std::cerr << "berth lsp: " << std::get<std::string>(resolved) << " (rule settings ignored)\n";
      profile->rules = std::get<RuleSet>(RuleSet::resolve(rules::catalogue(), profile->config, {}));
    }
    profiles_[key] = profile;
    return profile;
  }

  void on_did_change_configuration(const json& params) {
    const json settings = params.is_object() ? params.value("settings", json()) : json();
    if (settings.is_object() && !settings.empty()) {
      apply_settings(settings);
      configuration_changed();
    } else {
      // `settings: null` means "ask me" (the pull model).
      configuration_changed();
      pull_configuration();
    }
  }

  void on_did_change_watched_files(const json& params) {
    bool config = false;
    for (const json& change : params.value("changes", json::array())) {
      const std::string uri = change.value("uri", "");
      if (uri.ends_with("/.berth.yaml") || uri.ends_with("/.berth.yml")) config = true;
    }
    if (config) {
      std::cerr << "berth lsp: config file changed, reloading\n";
      configuration_changed();
    }
  }

  // ---- Documents ---------------------------------------------------------------------------

  ClientFeatures client_features() {
    std::lock_guard<std::mutex> lock(mutex_);
    return client_;
  }

  void on_did_open(const json& params) {
    const json& document = member(params, "textDocument");
    const std::string uri = string_member(document, "uri");
    const std::string text = string_member(document, "text");
    const json& version = member(document, "version");
    if (!version.is_number_integer()) throw InvalidParams("'version' must be an integer");
    const std::string language = document.value("languageId", "");
    DocState doc;
    doc.path = uri_to_path(uri);
    doc.kind = classify_file_name(doc.path);
    if (doc.kind == FileKind::Other) {
      if (language == "dockerfile") doc.kind = FileKind::Dockerfile;
      if (language == "yaml") doc.kind = FileKind::Yaml;
    }
    doc.version = version.get<int64_t>();
    doc.text = text;
    doc.due = Clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    docs_[uri] = std::move(doc);
    closed_.erase(uri);
    wake_.notify_all();
  }

  void on_did_change(const json& params) {
    const json& document = member(params, "textDocument");
    const std::string uri = string_member(document, "uri");
    const json& changes = member(params, "contentChanges");
    if (!changes.is_array()) throw InvalidParams("'contentChanges' must be an array");
    // Validate everything before touching the text: a half-applied change list would
    // desynchronise the document for good.
    std::vector<std::pair<std::optional<Range>, std::string>> parsed;
    for (const json& change : changes) {
      std::optional<Range> range;
      if (change.contains("range")) {
        const json& r = change["range"];
        range = Range{position_member(r, "start"), position_member(r, "end")};
      }
      parsed.emplace_back(range, string_member(change, "text"));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = docs_.find(uri);
    if (it == docs_.end()) {
      std::cerr << "berth lsp: change to a document that is not open: " << uri_to_path(uri) << "\n";
      return;
    }
    DocState& doc = it->second;
    for (auto& [range, text] : parsed) {
      if (auto edit = apply_change(doc.text, range, text, client_.encoding)) {
        doc.edits.push_back(*edit);
      } else {
        doc.edits.clear();
        doc.from_scratch = true;
      }
    }
    if (document.contains("version") && document["version"].is_number_integer()) {
      doc.version = document["version"].get<int64_t>();
    } else {
      ++doc.version;
    }
    const Clock::time_point now = Clock::now();
    doc.dirty = true;
    doc.due = std::max(now, doc.last_start + std::chrono::milliseconds(settings_.debounce_ms));
    wake_.notify_all();
  }

  void on_did_save(const json& params) {
    const std::string uri = string_member(member(params, "textDocument"), "uri");
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = docs_.find(uri);
    if (it == docs_.end()) return;
    it->second.dirty = true;  // a save always republishes, even when nothing changed
    it->second.due = std::min(it->second.due, Clock::now());
    wake_.notify_all();
  }

  void on_did_close(const json& params) {
    const std::string uri = string_member(member(params, "textDocument"), "uri");
    bool push = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = docs_.find(uri);
      if (it == docs_.end()) return;
      closed_[uri] = it->second.path;
      docs_.erase(it);
      analyses_.erase(uri);
      push = !client_.pull_diagnostics;
      wake_.notify_all();
    }
    // Diagnostics of a closed file go away with it.
    if (push)
      notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
  }

  // ---- Requests ----------------------------------------------------------------------------

  std::shared_ptr<const Analysis> snapshot(const std::string& uri, int64_t* version) {
    std::unique_lock<std::mutex> lock(mutex_);
    // Diagnostics just pushed ahead of their snapshot: a request prompted by them must see
    // it (the worker stores it right after the push).
    stored_.wait(lock, [&] { return pushed_ahead_ != uri; });
    auto doc = docs_.find(uri);
    if (doc != docs_.end() && version) *version = doc->second.version;
    auto it = analyses_.find(uri);
    return it == analyses_.end() ? nullptr : it->second;
  }

  void on_hover(const json& id, const json& params) {
    const std::string uri = string_member(member(params, "textDocument"), "uri");
    const Position position = position_member(params, "position");
    auto analysis = snapshot(uri, nullptr);
    send_result(id, analysis ? hover(*analysis, position, client_features()) : json());
  }

  void on_code_action(const json& id, const json& params) {
    const std::string uri = string_member(member(params, "textDocument"), "uri");
    member(params, "range");
    int64_t version = 0;
    auto analysis = snapshot(uri, &version);
    send_result(
        id, analysis ? code_actions(*analysis, version, params, client_features()) : json::array());
  }

  static std::string result_id(const Analysis& analysis, uint64_t generation) {
    return std::to_string(analysis.version) + ":" + std::to_string(generation);
  }

  void on_pull_diagnostics(const json& id, const json& params) {
    const std::string uri = string_member(member(params, "textDocument"), "uri");
    PendingPull pull{id, uri, params.value("previousResultId", "")};
    std::unique_lock<std::mutex> lock(mutex_);
    auto doc = docs_.find(uri);
    if (doc == docs_.end() || doc->second.kind == FileKind::Other) {
      lock.unlock();
      send_result(id, {{"kind", "full"}, {"items", json::array()}});
      return;
    }
    auto analysis = analyses_.find(uri);
    if (!doc->second.dirty && analysis != analyses_.end() &&
        analysis->second->version == doc->second.version) {
      auto snapshot = analysis->second;
      const uint64_t generation = generation_;
      lock.unlock();
      answer_pull(pull, *snapshot, generation);
      return;
    }
    // Answered by the worker once the current version is analysed.
    pending_pulls_.push_back(std::move(pull));
  }

  void answer_pull(const PendingPull& pull, const Analysis& analysis, uint64_t generation) {
    const std::string rid = result_id(analysis, generation);
    if (!pull.previous_result_id.empty() && pull.previous_result_id == rid) {
      send_result(pull.id, {{"kind", "unchanged"}, {"resultId", rid}});
      return;
    }
    send_result(pull.id, {{"kind", "full"},
                          {"resultId", rid},
                          {"items", diagnostics_json(analysis, client_features(), locator())}});
  }

  void on_cancel(const json& params) {
    const json& id = member(params, "id");
    std::unique_lock<std::mutex> lock(mutex_);
    for (auto it = pending_pulls_.begin(); it != pending_pulls_.end(); ++it) {
      if (it->id == id) {
        pending_pulls_.erase(it);
        lock.unlock();
        send_error(id, kRequestCancelled, "request cancelled");
        return;
      }
    }
    // Already answered (every other request is answered as soon as it is read): nothing to do.
  }

  // Related locations in other open documents.
  Locator locator() {
    std::map<std::string, std::shared_ptr<const Analysis>> by_path;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (const auto& [uri, analysis] : analyses_) by_path[analysis->path] = analysis;
    }
    const Encoding encoding = client_features().encoding;
    return [by_path, encoding](const std::string& path, Span span) -> std::optional<json> {
      auto it = by_path.find(path);
      if (it == by_path.end()) return std::nullopt;
      return json{{"uri", it->second->uri},
                  {"range", range_json(*it->second->source, span, encoding)}};
    };
  }

  // ---- Worker ------------------------------------------------------------------------------

  struct Job {
    std::string uri, path;
    FileKind kind = FileKind::Other;
    int64_t version = 0;
    std::string text;
    std::vector<TSInputEdit> edits;
    bool from_scratch = false;
  };

  void work() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stop_) {
      if (!closed_.empty()) {
        auto closed = std::move(closed_);
        closed_.clear();
        lock.unlock();
        for (const auto& [uri, path] : closed) forget(uri);
        lock.lock();
        continue;
      }
      // The dirty document due first; documents of no interest are never analysed.
      auto next = docs_.end();
      for (auto it = docs_.begin(); it != docs_.end(); ++it) {
        if (!it->second.dirty) continue;
        if (it->second.kind == FileKind::Other) {
          it->second.dirty = false;
          continue;
        }
        if (next == docs_.end() || it->second.due < next->second.due) next = it;
      }
      if (next == docs_.end()) {
        wake_.wait(lock);
        continue;
      }
      const Clock::time_point now = Clock::now();
      if (next->second.due > now) {
        wake_.wait_until(lock, next->second.due);
        continue;
      }
      DocState& doc = next->second;
      // Into a buffer that keeps its capacity from job to job: no large allocation (and the
      // consolidation of freed memory it can start) before a large manifest is analysed.
      text_buffer_.assign(doc.text);
      Job job{next->first,          doc.path,        doc.kind, doc.version, std::move(text_buffer_),
              std::move(doc.edits), doc.from_scratch};
      doc.edits.clear();
      doc.from_scratch = false;
      doc.dirty = false;
      doc.last_start = now;
      lock.unlock();
      try {
        analyze(job);
      } catch (const std::exception& e) {
        std::cerr << "berth lsp: analysis failed: " << e.what() << "\n";
      }
      text_buffer_ = std::move(job.text);
      lock.lock();
    }
  }

  bool is_stale(const std::string& uri, int64_t version) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = docs_.find(uri);
    return it == docs_.end() || it->second.version != version || it->second.dirty;
  }

  void forget(const std::string& uri) {
    trees_.erase(uri);
    auto manifest = manifests_.find(uri);
    if (manifest == manifests_.end()) return;
    manifest->second.parts.forget(cluster_);
    std::shared_ptr<const Profile> profile = manifest->second.profile;
    manifests_.erase(manifest);
    republish_cross(profile->rules, "");
  }

  void analyze(Job& job) {
    const auto started = Clock::now();
    std::shared_ptr<const Profile> profile = profile_for(job.path);
    auto analysis = std::make_shared<Analysis>();
    analysis->uri = job.uri;
    analysis->path = job.path;
    analysis->kind = job.kind;
    analysis->version = job.version;
    analysis->profile = profile;
    if (job.kind == FileKind::Yaml) {
      analyze_manifest(job, std::move(analysis), started);
      return;
    }
    // Dockerfiles are small: one tree, edited and reparsed incrementally, and whole-file
    // rules.
    auto source = std::make_shared<SourceFile>(job.path, job.text);
    analysis->source = source;
    syntax::TreePtr& tree = trees_[job.uri];
    if (job.from_scratch) {
      tree.reset();
    } else if (tree) {
      for (const TSInputEdit& edit : job.edits) ts_tree_edit(tree.get(), &edit);
    }
    TSParser* parser = syntax::thread_parser(syntax::Grammar::Dockerfile);
    const std::string_view text = source->text();
    tree.reset(ts_parser_parse_string(parser, tree.get(), text.data(),
                                      static_cast<uint32_t>(text.size())));
    // A newer version is waiting: its edits apply to this tree, so parsing was not wasted,
    // but running the rules on this text would be.
    if (is_stale(job.uri, job.version)) return;
    auto model = std::make_shared<ParsedModel>();
    std::vector<Finding> findings =
        analyze_parsed(*source, job.kind, profile->rules, tree.get(), nullptr, model.get());
    sort_findings(findings);
    analysis->set_findings(std::move(findings));
    analysis->model = model;
    if (is_stale(job.uri, job.version)) return;
    publish(analysis);
    report_time(job.path, started, {});
  }

  // Manifests: one analysis per `---` document, redone only for documents whose text
  // changed (a whole-file one where that would differ; see manifest_parts.h), then the
  // cross-resource pass over every open manifest. The diagnostics are pushed before the
  // snapshot for hover and code actions is completed (its whole-file line index), as the
  // push needs only the documents' own texts.
  void analyze_manifest(const Job& job, std::shared_ptr<Analysis> analysis,
                        Clock::time_point started) {
    const std::shared_ptr<const Profile>& profile = analysis->profile;
    auto state = manifests_.find(job.uri);
    if (state != manifests_.end() && state->second.profile != profile) {
      state->second.parts.forget(cluster_);  // settings changed: nothing cached still holds
      manifests_.erase(state);
      state = manifests_.end();
    }
    if (state == manifests_.end()) {
      state = manifests_.emplace(job.uri, ManifestState{profile, ManifestParts(job.path)}).first;
    }
    // The client's edits since the previous job say which documents they can have changed.
    std::optional<UnchangedEnds> ends;
    if (!job.from_scratch) ends = unchanged_ends(job.edits, job.text.size());
    state->second.parts.update(job.text, profile->rules, &cluster_, ends);
    analysis->parts = state->second.parts.parts();  // findings() places them when needed
    if (is_stale(job.uri, job.version)) return;
    const auto analysed_at = Clock::now();

    std::map<std::string, std::vector<Finding>> cross = cross_findings(profile->rules);
    analysis->cross = std::move(cross[job.path]);
    const auto crossed_at = Clock::now();
    auto complete = [&] {
      if (!analysis->source) {
        analysis->source = std::make_shared<SourceFile>(job.path, job.text);  // after the push
      }
    };
    // Requests wait for the snapshot while its diagnostics are out ahead of it: until it is
    // stored, or this function is left in any other way.
    struct StoredGuard {
      Server* server;
      ~StoredGuard() {
        std::lock_guard<std::mutex> lock(server->mutex_);
        server->pushed_ahead_.clear();
        server->stored_.notify_all();
      }
    } stored_guard{this};
    const bool pushed = push_manifest(*analysis, state->second, complete);
    const auto pushed_at = Clock::now();
    complete();
    publish(analysis, pushed);
    republish_cross(profile->rules, job.uri, &cross);
    report_time(job.path, started,
                {{"analysis", analysed_at}, {"cross", crossed_at}, {"push", pushed_at}});
  }

  void report_time(const std::string& path, Clock::time_point started,
                   std::initializer_list<std::pair<const char*, Clock::time_point>> phases) {
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    if (getenv("BERTH_LSP_TIMING")) {
      std::cerr << "timing";
      Clock::time_point from = started;
      for (const auto& [name, at] : phases) {
        std::cerr << " " << name << " "
                  << std::chrono::duration<double, std::milli>(at - from).count();
        from = at;
      }
      std::cerr << " rest "
                << std::chrono::duration<double, std::milli>(Clock::now() - from).count() << "\n";
    }
    if (ms > 100) std::cerr << "berth lsp: slow analysis of " << path << ": " << ms << " ms\n";
  }

  std::map<std::string, std::vector<Finding>> cross_findings(const RuleSet& rules) {
    std::map<std::string, std::vector<Finding>> by_path;
    // analyze_cluster marks deferred suppressions used; the next run needs them fresh.
    std::vector<DeferredSuppression> saved = cluster_.deferred;
    std::vector<std::string> failures;
    std::vector<Finding> findings = analyze_cluster(cluster_, rules, &failures);
    for (const std::string& failure : failures) std::cerr << "berth lsp: " << failure << "\n";
    cluster_.deferred = std::move(saved);
    for (Finding& finding : findings) by_path[finding.path].push_back(std::move(finding));
    for (auto& [path, list] : by_path) sort_findings(list);
    return by_path;
  }

  // Other open manifests whose cross-resource findings changed get a new snapshot.
  void republish_cross(const RuleSet& rules, const std::string& except_uri,
                       std::map<std::string, std::vector<Finding>>* computed = nullptr) {
    std::map<std::string, std::vector<Finding>> local;
    if (!computed) {
      local = cross_findings(rules);
      computed = &local;
    }
    std::vector<std::shared_ptr<const Analysis>> others;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (const auto& [uri, analysis] : analyses_) {
        if (uri != except_uri && analysis->kind == FileKind::Yaml) others.push_back(analysis);
      }
    }
    bool changed = false;
    for (const auto& other : others) {
      std::vector<Finding> cross;
      if (auto it = computed->find(other->path); it != computed->end()) cross = it->second;
      if (same_findings(cross, other->cross)) continue;
      auto updated = std::make_shared<Analysis>(*other);
      updated->cross = std::move(cross);
      publish(updated);
      changed = true;
    }
    if (changed && client_features().pull_diagnostics && client_features().diagnostic_refresh) {
      request("workspace/diagnostic/refresh", nullptr);
    }
  }

  // Stores the snapshot for requests and answers pending pulls; pushes its diagnostics
  // unless `pushed` says push_manifest() already did.
  void publish(const std::shared_ptr<const Analysis>& analysis, bool pushed = false) {
    std::vector<PendingPull> pulls;
    ClientFeatures client;
    uint64_t generation = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto doc = docs_.find(analysis->uri);
      if (doc == docs_.end()) return;  // closed meanwhile
      analyses_[analysis->uri] = analysis;
      client = client_;
      generation = generation_;
      if (doc->second.version == analysis->version && !doc->second.dirty) {
        for (auto it = pending_pulls_.begin(); it != pending_pulls_.end();) {
          if (it->uri == analysis->uri) {
            pulls.push_back(std::move(*it));
            it = pending_pulls_.erase(it);
          } else {
            ++it;
          }
        }
      }
    }
    for (const PendingPull& pull : pulls) answer_pull(pull, *analysis, generation);
    if (client.pull_diagnostics || pushed) return;  // never both push and pull: duplicates
    const Locator locate = locator();
    if (ManifestState* state = manifest_state(*analysis)) {
      send_text(publish_text(*analysis, *state, client, locate, [] {}));
      return;
    }
    notify("textDocument/publishDiagnostics",
           {{"uri", analysis->uri},
            {"version", analysis->version},
            {"diagnostics", diagnostics_json(*analysis, client, locate)}});
  }

  // Pushes a manifest's diagnostics from its documents' cached texts before the snapshot is
  // complete; false when that cannot be done (a pull client, a closed or newer document,
  // findings not in document order): publish() does it then. `complete` fills in the
  // snapshot's whole-file source, for diagnostics that need it.
  bool push_manifest(Analysis& analysis, ManifestState& state,
                     const std::function<void()>& complete) {
    ClientFeatures client;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto doc = docs_.find(analysis.uri);
      if (doc == docs_.end() || doc->second.version != analysis.version) return false;
      client = client_;
    }
    if (client.pull_diagnostics || !in_document_order(analysis.parts)) return false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      pushed_ahead_ = analysis.uri;
    }
    const auto started = Clock::now();
    const std::string& text = publish_text(analysis, state, client, locator(), complete);
    const auto rendered = Clock::now();
    send_text(text);
    if (getenv("BERTH_LSP_TIMING")) {
      std::cerr << "push render "
                << std::chrono::duration<double, std::milli>(rendered - started).count()
                << " write "
                << std::chrono::duration<double, std::milli>(Clock::now() - rendered).count()
                << " bytes " << text.size() << "\n";
    }
    return true;
  }

  // The manifest state whose documents `analysis` was built from, when its per-document
  // diagnostics text can be used (the findings are in document order, as published).
  ManifestState* manifest_state(const Analysis& analysis) {
    if (analysis.parts.empty()) return nullptr;
    auto state = manifests_.find(analysis.uri);
    if (state == manifests_.end() || !in_document_order(analysis.parts)) return nullptr;
    if (state->second.parts.parts().size() != analysis.parts.size()) return nullptr;
    for (size_t i = 0; i < analysis.parts.size(); ++i) {
      if (state->second.parts.parts()[i].analysis != analysis.parts[i].analysis) return nullptr;
    }
    return &state->second;
  }

  // publishDiagnostics for a manifest, written as text: each document's diagnostics are
  // serialized once and reused (moved to the document's current lines) until its text
  // changes; only the cross-resource ones are serialized each time.
  const std::string& publish_text(const Analysis& analysis, ManifestState& state,
                                  const ClientFeatures& client, const Locator& locate,
                                  const std::function<void()>& complete) {
    if (!(state.text_client == client)) {
      state.texts.clear();
      state.cross_texts.clear();
      state.text_client = client;
    }
    // The shape notify() writes (nlohmann orders keys alphabetically).
    // Into the state's buffer, whose capacity is kept from push to push.
    std::string& message = state.message;
    message =
        R"({"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"diagnostics":[)";
    // The documents' texts, found where they were last time unless documents were added or
    // removed.
    std::vector<CachedText> texts(analysis.parts.size());
    std::unordered_map<const PartAnalysis*, size_t> moved;
    for (size_t i = 0; i < analysis.parts.size(); ++i) {
      const PlacedPart& part = analysis.parts[i];
      CachedText* cached = nullptr;
      if (i < state.texts.size() && state.texts[i].analysis == part.analysis) {
        cached = &state.texts[i];
      } else {
        if (moved.empty()) {
          for (size_t j = 0; j < state.texts.size(); ++j) moved[state.texts[j].analysis.get()] = j;
        }
        if (auto found = moved.find(part.analysis.get()); found != moved.end()) {
          cached = &state.texts[found->second];
        }
      }
      if (cached && cached->text) {
        texts[i] = std::move(*cached);
      } else {
        texts[i].analysis = part.analysis;
        texts[i].text = std::make_shared<DiagnosticsText>(
            *part.analysis->source, part.analysis->findings, analysis.uri, analysis.path, client);
      }
      texts[i].text->render(message, part.lines);
    }
    state.texts = std::move(texts);

    // Cross-resource findings are computed afresh each time, but mostly the same ones at the
    // same place in an unchanged document: their text is kept by document and place in it.
    std::unordered_map<CrossKey, CachedText, CrossKeyHash> cross_texts;
    cross_texts.reserve(analysis.cross.size());
    for (const Finding& finding : analysis.cross) {
      const PlacedPart* part = part_at(analysis.parts, finding.span.begin);
      const uint32_t part_end =
          part ? part->offset + static_cast<uint32_t>(part->analysis->source->text().size()) : 0;
      if (!part || !finding.rule || finding.fix || !finding.related.empty() ||
          finding.span.end > part_end) {
        complete();  // positions in the whole file
        if (message.back() == '}') message += ',';
        message += diagnostic_json(analysis, finding, client, locate)
                       .dump(-1, ' ', false, json::error_handler_t::replace);
        continue;
      }
      const CrossKey key{part->analysis.get(),
                         {finding.span.begin - part->offset, finding.span.end - part->offset},
                         finding.rule,
                         finding.severity};
      auto [entry, added] = cross_texts.try_emplace(key);
      if (!added && entry->second.message != finding.message) {
        // The same rule at the same place with another message: a text of its own, not kept.
        text_of_cross(*part, key, finding.message, analysis, client).render(message, part->lines);
        continue;
      }
      if (added) {
        auto cached = state.cross_texts.find(key);
        if (cached != state.cross_texts.end() && cached->second.message == finding.message) {
          entry->second = std::move(cached->second);
        } else {
          entry->second.analysis = part->analysis;
          entry->second.message = finding.message;
          entry->second.text = std::make_shared<DiagnosticsText>(
              text_of_cross(*part, key, finding.message, analysis, client));
        }
      }
      entry->second.text->render(message, part->lines);
    }
    state.cross_texts = std::move(cross_texts);
    message += R"(],"uri":)" + json(analysis.uri).dump() + R"(,"version":)" +
               std::to_string(analysis.version) + "}}";
    return message;
  }

  // The diagnostic of a cross-resource finding at `key`, in its document's coordinates.
  static DiagnosticsText text_of_cross(const PlacedPart& part, const CrossKey& key,
                                       const std::string& message, const Analysis& analysis,
                                       const ClientFeatures& client) {
    Finding local;
    local.rule = key.rule;
    local.severity = key.severity;
    local.message = message;
    local.span = key.span;
    return DiagnosticsText(*part.analysis->source, {local}, analysis.uri, analysis.path, client);
  }

  // The part holding `offset`.
  static const PlacedPart* part_at(const std::vector<PlacedPart>& parts, uint32_t offset) {
    auto after = std::upper_bound(
        parts.begin(), parts.end(), offset,
        [](uint32_t value, const PlacedPart& part) { return value < part.offset; });
    return after == parts.begin() ? nullptr : &*(after - 1);
  }

  const int in_fd_;
  const int out_fd_;
  std::mutex write_mutex_;

  // Reader thread only (shutdown_ is read by nothing else, but atomics cost nothing here).
  bool initialized_ = false;
  std::atomic<bool> shutdown_ = false;
  std::optional<int> exit_code_;
  // Server-to-client requests come from both threads (the worker asks for refreshes).
  std::atomic<uint64_t> next_request_id_ = 0;
  std::mutex responses_mutex_;
  std::map<std::string, std::function<void(const json&)>> responses_;

  // Shared, under mutex_.
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  ClientFeatures client_;
  Settings settings_;
  uint64_t generation_ = 0;
  std::map<std::string, DocState> docs_;
  std::map<std::string, std::string> closed_;  // uri -> path, for the worker to forget
  std::map<std::string, std::shared_ptr<const Analysis>> analyses_;
  std::vector<PendingPull> pending_pulls_;
  std::string pushed_ahead_;  // a manifest whose diagnostics went out before its snapshot
  std::condition_variable stored_;

  std::mutex profiles_mutex_;
  std::map<std::string, std::shared_ptr<const Profile>> profiles_;  // by config path

  // Worker thread only.
  std::thread worker_;
  std::map<std::string, syntax::TreePtr> trees_;    // Dockerfiles, by URI
  std::string text_buffer_;                         // for Job::text
  std::map<std::string, ManifestState> manifests_;  // by URI
  ClusterCollector cluster_;
};

}  // namespace

int run_server(int in_fd, int out_fd, const ServerOptions& options) {
  // A large manifest's publishDiagnostics is a few hundred kilobytes: with the default
  // buffers (64 KiB for a pipe, ~200 KiB for the socket pair node gives a child) the worker
  // waits for the client to read it piece by piece. Best effort: whichever call does not
  // apply to the descriptor fails harmlessly, as does a size above the system's limit.
#ifdef F_SETPIPE_SZ
  (void)::fcntl(out_fd, F_SETPIPE_SZ, 1 << 20);
#endif
  const int send_buffer = 2 << 20;
  (void)::setsockopt(out_fd, SOL_SOCKET, SO_SNDBUF, &send_buffer, sizeof send_buffer);
  Server server(in_fd, out_fd, options);
  return server.run();
}

}  // namespace berth::lsp
