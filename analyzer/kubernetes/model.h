// The Kubernetes model every K8S rule reads: objects from a YAML stream (List items
// included), pod specs of the known workload kinds, containers with their effective security
// context and the nodes (hence spans) of every field, label selectors with API semantics,
// shape errors for K8S002, Helm detection, and the compact cross-resource index.
//
// Decisions, in one place:
// - A document is a Kubernetes object only when its root is a mapping with string (scalar)
//   `apiVersion` and `kind`; anything else (CI workflows, compose files, Helm values) is
//   ignored silently and gives no shape error.
// - `kind: List` and every `*List` kind with an `items` sequence: each item becomes an
//   Object. An item of a typed list (`DeploymentList`) without apiVersion/kind inherits the
//   list's apiVersion and the kind without "List", as the API server elides them there.
// - Workload kinds are matched by API group and kind (a Knative `Service` is not a core
//   `Service`); `extensions` counts as `apps` for the legacy workload kinds. Unknown kinds
//   are never workloads.
// - A bare Pod is long-running unless its `restartPolicy` is `Never` or `OnFailure`
//   (run-to-completion pods do not need probes); Job, CronJob and KEDA ScaledJob never are.
// - A bare Pod's "template metadata" is the object's own metadata.
// - `Object::report_span` (object-level "missing field" findings): the `name: x` entry of
//   metadata (key through value), else the `generateName` entry, else the `kind: X` entry.
//   `Container::report_span`: the `name: x` entry of the container item, else its first
//   key, else the item itself.
// - A field whose value is YAML null counts as unset, as in the API's decoder; null is never
//   a shape error.
// - Effective security context: a container field that is set wins; otherwise the pod's field
//   (only for fields the pod securityContext has). Spans of a pod-level field point into the
//   pod's securityContext (`from_pod` tells rules which one they report on).
// - Shape errors are unique by span: a shared alias node used by several containers gives
//   one error.
// - Label selectors: a Service's plain-map selector selects nothing when absent or empty
//   (manual-endpoints Service); a metav1.LabelSelector selects nothing when absent (nil),
//   and everything in the namespace when present and empty, except where the API says
//   otherwise: NetworkPolicy `podSelector` is not a pointer, so absent selects everything;
//   `policy/v1beta1` PDBs with an empty selector select nothing. A selector with an unknown
//   operator or malformed requirement is an API error: it selects nothing.
// - Namespace "" means unset; the index treats unset and `default` as the same namespace.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyzer/engine/finding.h"
#include "analyzer/source/source_file.h"
#include "analyzer/yaml/yaml_tree.h"

namespace berth::k8s {

// The text from `key` through `value` (just the key when the value is elsewhere, e.g. an
// alias to an earlier anchor, or a null value with no text).
Span entry_span(const yaml::Node* key, const yaml::Node* value);
inline Span entry_span(const yaml::Entry& entry) { return entry_span(entry.key, entry.value); }

// One label or annotation, in source order, with its nodes for spans and suppressions.
struct MetadataEntry {
  std::string key;
  std::string value;  // null values read as ""
  const yaml::Node* key_node = nullptr;
  const yaml::Node* value_node = nullptr;
  Span span() const { return entry_span(key_node, value_node); }
};

// Labels by key (the last occurrence of a repeated key wins, as in the API's decoder).
using LabelMap = std::map<std::string, std::string, std::less<>>;
LabelMap to_label_map(const std::vector<MetadataEntry>& entries);
const MetadataEntry* find_entry(const std::vector<MetadataEntry>& entries, std::string_view key);

struct ModelError {
  Span span;
  std::string
      message;  // "spec.template.spec.containers[0].image: expected a string, found a mapping"
};

// ---- Label selectors -------------------------------------------------------------------

enum class SelectorOperator { In, NotIn, Exists, DoesNotExist };

struct LabelRequirement {
  std::string key;
  SelectorOperator op = SelectorOperator::In;
  std::vector<std::string> values;
};

struct LabelSelector {
  std::vector<std::pair<std::string, std::string>> match_labels;
  std::vector<LabelRequirement> match_expressions;
  bool selects_nothing = true;  // nil selector, Service without selector, or invalid selector
  Span span;                    // the selector node's text; empty when absent

  bool selects_all() const {
    return !selects_nothing && match_labels.empty() && match_expressions.empty();
  }
  bool matches(const LabelMap& labels) const;
  bool matches(const std::vector<MetadataEntry>& labels) const;
};

// What an absent (or null) metav1.LabelSelector means for the field being read.
enum class AbsentSelector { SelectsNothing, SelectsAll };

// Parses a metav1.LabelSelector (`matchLabels` + `matchExpressions`). Shape problems are
// appended to `errors` (when given) with `path` naming the field.
LabelSelector parse_label_selector(const yaml::Node* node, AbsentSelector absent,
                                   std::string_view path = "selector",
                                   std::vector<ModelError>* errors = nullptr);
// Parses a Service's `spec.selector` (a plain map; absent or empty selects nothing).
LabelSelector parse_service_selector(const yaml::Node* node, std::string_view path = "selector",
                                     std::vector<ModelError>* errors = nullptr);

// ---- Containers and pod specs -----------------------------------------------------------

enum class ContainerType { Container, InitContainer, EphemeralContainer };
std::string_view to_string(ContainerType type);  // "container", "initContainer", ...

// One field of the effective security context. `value` is null when unset at both levels.
struct SecurityField {
  const yaml::Node* value = nullptr;
  const yaml::Node* key = nullptr;
  bool from_pod = false;

  bool is_set() const { return value != nullptr; }
  std::optional<bool> as_bool() const { return value ? value->as_bool() : std::nullopt; }
  std::optional<int64_t> as_int() const { return value ? value->as_int() : std::nullopt; }
  Span span() const { return entry_span(key, value); }
};

struct EffectiveSecurityContext {
  SecurityField run_as_non_root;
  SecurityField run_as_user;
  SecurityField run_as_group;
  SecurityField privileged;                  // container only
  SecurityField allow_privilege_escalation;  // container only
  SecurityField read_only_root_filesystem;   // container only
  SecurityField capabilities;                // container only
  SecurityField seccomp_profile;
  SecurityField proc_mount;  // container only
  SecurityField se_linux_options;
  SecurityField app_armor_profile;
  SecurityField windows_options;
  SecurityField sysctls;              // pod only
  SecurityField fs_group;             // pod only
  SecurityField supplemental_groups;  // pod only
};

struct Container {
  ContainerType type = ContainerType::Container;
  size_t index = 0;                  // position in its list (containers / initContainers / ...)
  const yaml::Node* node = nullptr;  // the item mapping (never null for a built container)
  std::string name;
  const yaml::Node* name_node = nullptr;
  Span report_span;
  std::string image;  // empty when unset
  const yaml::Node* image_node = nullptr;
  const yaml::Node* image_key = nullptr;
  EffectiveSecurityContext security;
  // The container's own securityContext mapping and its key (null when absent): where a fix
  // inserts a field.
  const yaml::Node* security_context = nullptr;
  const yaml::Node* security_context_key = nullptr;

  // Any field of the container item (null when absent or null-valued).
  const yaml::Node* field(std::string_view name) const;
  const yaml::Node* resources() const { return field("resources"); }
  const yaml::Node* ports() const { return field("ports"); }
  const yaml::Node* env() const { return field("env"); }
  const yaml::Node* env_from() const { return field("envFrom"); }
  const yaml::Node* volume_mounts() const { return field("volumeMounts"); }
  const yaml::Node* liveness_probe() const { return field("livenessProbe"); }
  const yaml::Node* readiness_probe() const { return field("readinessProbe"); }
  const yaml::Node* startup_probe() const { return field("startupProbe"); }
  const yaml::Node* image_pull_policy() const { return field("imagePullPolicy"); }
  // `resources.limits.<resource>` / `resources.requests.<resource>` (null when unset).
  const yaml::Node* limit(std::string_view resource) const;
  const yaml::Node* request(std::string_view resource) const;
};

struct PodSpec {
  const yaml::Node* spec = nullptr;      // the pod spec mapping
  const yaml::Node* spec_key = nullptr;  // its `spec` key: the span for pod-level findings
  // The pod template's metadata (the object's own metadata for a bare Pod); may be null.
  const yaml::Node* template_metadata = nullptr;
  std::vector<MetadataEntry> template_labels;
  std::vector<MetadataEntry> template_annotations;
  std::string workload_kind;  // the object's kind: "Deployment", "CronJob", "Rollout", ...
  bool long_running = true;
  const yaml::Node* replicas = nullptr;  // spec.replicas value, null when unset
  const yaml::Node* replicas_key = nullptr;
  const yaml::Node* security_context = nullptr;  // pod securityContext mapping (or null)
  const yaml::Node* security_context_key = nullptr;
  std::vector<Container> containers;  // containers, then initContainers, then ephemeral ones

  const yaml::Node* field(std::string_view name) const;  // any pod spec field
  const yaml::Node* volumes() const { return field("volumes"); }
  std::optional<int64_t> replica_count() const {
    return replicas ? replicas->as_int() : std::nullopt;
  }
  Span report_span() const;  // the `spec` key (or the spec node when keyless)
};

// ---- Objects and files ------------------------------------------------------------------

struct Object {
  size_t document = 0;  // index into ManifestFile::stream.documents
  int list_item = -1;   // index in the enclosing List's `items`, -1 for a top-level object
  const yaml::Node* node = nullptr;  // the object mapping
  std::string api_version;           // "apps/v1"
  std::string api_group;             // "apps"; "" for the core group
  std::string kind;
  std::string namespace_;  // "" when unset
  std::string name;        // metadata.name, or generateName when only that is given
  bool generated_name = false;
  const yaml::Node* kind_key = nullptr;
  const yaml::Node* kind_node = nullptr;
  const yaml::Node* metadata = nullptr;  // null when absent or not a mapping
  const yaml::Node* metadata_key = nullptr;
  const yaml::Node* name_node = nullptr;
  const yaml::Node* namespace_node = nullptr;
  std::vector<MetadataEntry> labels;
  std::vector<MetadataEntry> annotations;
  Span report_span;
  std::optional<PodSpec> pod_spec;  // set for workload kinds with a pod spec
  // The object's own selector where rules need one: a Service's `spec.selector`, a
  // NetworkPolicy's `spec.podSelector`, a PDB's or a workload's `spec.selector`.
  std::optional<LabelSelector> selector;

  const yaml::Node* field(std::string_view name) const;  // top-level field (e.g. "spec")
  bool is(std::string_view group, std::string_view kind_name) const {
    return api_group == group && kind == kind_name;
  }
};

// Kinds whose objects live outside namespaces: the built-in ones, well-known CRDs (Gateway API
// GatewayClass, Kueue, Gatekeeper, Kyverno, Calico, ...), and by convention any kind named
// `Cluster*` (ClusterIssuer, ClusterSecretStore, ClusterPolicy, ...).
bool is_cluster_scoped(std::string_view api_group, std::string_view kind);

// SARIF logical location of an object (and container).
LogicalLocation logical_location(const Object& object, const Container* container = nullptr);

struct ManifestFile {
  const SourceFile* source = nullptr;
  yaml::Stream stream;
  std::vector<Object> objects;
  std::vector<ModelError> shape_errors;
  // When one document of a multi-document file is analysed on its own (the language server
  // re-analyses only the documents an edit touched): the objects of the file's other
  // documents, for rules that judge a whole file (K8S605). Empty otherwise.
  std::vector<const Object*> sibling_objects;
};

// Parses `source` as a YAML stream and builds its objects. Never throws on any shape.
ManifestFile build_manifest(const SourceFile& source);
// Builds objects from an already parsed stream (the LSP keeps its own trees).
void build_objects(ManifestFile& file);

// kube-linter-style helpers: a rule on pod specs or containers is one predicate.
void for_each_pod_spec(const ManifestFile& file,
                       const std::function<void(const Object&, const PodSpec&)>& visit);
void for_each_container(
    const ManifestFile& file,
    const std::function<void(const Object&, const PodSpec&, const Container&)>& visit);

// Debug dump for `berth dump` (stable, line-oriented).
void dump_manifest(const ManifestFile& file, std::ostream& out);

// ---- Helm ---------------------------------------------------------------------------------

// True when the text is an unrendered Go/Helm template. A `{{ ... }}` action on a non-comment
// line counts when it names a Helm marker (.Values, .Release, .Chart, .Capabilities, .Files,
// .Template, include, template, define, toYaml, nindent, indent, tpl, or a `{{-`/`-}}` trim
// marker), or when it stands where YAML structure is (at the start of a line or of a plain
// value, outside block scalars). Other `{{ }}` (Prometheus `{{ $labels.x }}`, Argo
// `'{{inputs.parameters.x}}'`, mid-scalar `path/{{cluster}}`) is text of a valid manifest.
bool is_helm_template(std::string_view text);
// The first action that makes the text a template (where BR002 points); nullopt otherwise.
std::optional<Span> find_template_action(std::string_view text);

// `# Source: chart/templates/x.yaml` comments written by `helm template`.
struct SourceAttribution {
  std::string template_path;  // empty when the document has no such comment
  Span comment;               // the comment's text
};
// One entry per document of `stream`, from the first `# Source:` comment before its content.
std::vector<SourceAttribution> helm_sources(const yaml::Stream& stream, std::string_view text);

// ---- Cross-resource index -----------------------------------------------------------------

// A position kept after the file is gone: what CrossResourceContext::report needs.
struct IndexedLocation {
  // The file's display path, one copy shared by every location of the file (an index of a
  // large repository holds tens of thousands of locations).
  std::shared_ptr<const std::string> file;
  Span span;
  Location start, end;
  std::string source_line;
  uint32_t line() const { return start.line; }
  const std::string& path() const {
    static const std::string kNone;
    return file ? *file : kNone;
  }
};

// Only what the cross-resource rules read: one per object of every manifest, kept to the end
// of the scan. (Annotation suppressions reach the pass as deferred suppressions.)
struct IndexedObject {
  std::string api_group, kind, namespace_, name;
  bool generated_name = false;
  bool cluster_scoped = false;
  IndexedLocation location;  // the object's report_span
  LogicalLocation logical() const { return {kind, namespace_, name, {}}; }
};

struct ResourceFlags {
  bool limits_cpu = false, limits_memory = false, limits_ephemeral_storage = false;
  bool requests_cpu = false, requests_memory = false, requests_ephemeral_storage = false;
  ResourceFlags& operator|=(const ResourceFlags& other);
};

struct IndexedContainer {
  std::string name;
  ContainerType type = ContainerType::Container;
  ResourceFlags resources;   // which resource fields the container sets
  IndexedLocation location;  // the container's report_span
};

struct IndexedWorkload {
  const IndexedObject* object = nullptr;
  LabelMap template_labels;
  std::optional<int64_t> replicas;  // unset (or not an integer)
  std::optional<IndexedLocation> replicas_location;
  bool long_running = true;
  std::vector<IndexedContainer> containers;
};

struct IndexedService {
  const IndexedObject* object = nullptr;
  LabelSelector selector;
  std::string type;                   // "ClusterIP" when unset
  IndexedLocation selector_location;  // the selector, or the object when it has none
};

struct IndexedNetworkPolicy {
  const IndexedObject* object = nullptr;
  LabelSelector pod_selector;
};

struct IndexedDisruptionBudget {
  const IndexedObject* object = nullptr;
  LabelSelector selector;
};

// A HorizontalPodAutoscaler, or a KEDA ScaledObject (which drives one).
struct IndexedAutoscaler {
  const IndexedObject* object = nullptr;
  std::string target_api_group;  // from scaleTargetRef.apiVersion ("" when unset)
  std::string target_kind;
  std::string target_name;
};

// Which container defaults a LimitRange gives its namespace, after the API's defaulting
// (`default` falls back to `max`; `defaultRequest` to `default`, then `min`).
struct IndexedLimitRange {
  const IndexedObject* object = nullptr;
  ResourceFlags defaults;
};

// Everything one namespace holds (pointers into the index; valid until the next add/remove).
struct NamespaceFacts {
  std::vector<const IndexedWorkload*> workloads;
  // The workloads whose pod template carries a label, by "key\0value": a selector with
  // matchLabels is checked against the workloads of one such list, not every workload of
  // the namespace (Services x workloads would be quadratic in a large namespace).
  std::unordered_map<std::string, std::vector<const IndexedWorkload*>> workloads_by_label;
  std::vector<const IndexedService*> services;
  std::vector<const IndexedNetworkPolicy*> network_policies;
  std::vector<const IndexedDisruptionBudget*> disruption_budgets;
  std::vector<const IndexedAutoscaler*> autoscalers;
  std::vector<const IndexedLimitRange*> limit_ranges;
};

// Small facts of every scanned manifest, copied out of the YAML trees so they can be freed.
// Filled per file (add() is not thread-safe: the scanner holds a mutex); read-only during the
// cross-resource pass. Listing functions give path order, then document order, whatever the
// order files were added in; query results are sorted the same way.
class ClusterIndex {
 public:
  // Adds a file's facts, replacing any earlier facts from the same display path.
  void add(const ManifestFile& file);
  void remove(const std::string& path);

  // Where the facts of one document go when a file is indexed one document at a time (the
  // language server re-indexes only the documents an edit touched): filed under `key`
  // (unique; keys sort like the documents), with spans and lines moved by `offset` bytes and
  // `lines` lines from the document's own text to the file's. Columns stay: a document
  // starts at the start of a line. remove(key) drops them.
  struct Placement {
    std::string key;
    uint32_t offset = 0;
    uint32_t lines = 0;
  };
  void add(const ManifestFile& file, const Placement& placement);
  // The document filed under `key` moved in its file (an edit before it).
  void move(std::string_view key, int64_t offset_delta, int64_t line_delta);

  std::vector<const IndexedObject*> objects() const;
  std::vector<const IndexedWorkload*> workloads() const;
  std::vector<const IndexedService*> services() const;
  std::vector<const IndexedNetworkPolicy*> network_policies() const;
  std::vector<const IndexedDisruptionBudget*> disruption_budgets() const;
  std::vector<const IndexedAutoscaler*> autoscalers() const;
  std::vector<const IndexedLimitRange*> limit_ranges() const;
  std::vector<const IndexedObject*> namespaces() const;  // Namespace objects
  bool has_namespace_object(std::string_view name) const;

  // Namespaces: "" and "default" are the same key.
  static std::string_view namespace_key(std::string_view ns) { return ns.empty() ? "default" : ns; }
  const NamespaceFacts* in_namespace(std::string_view ns) const;
  // Every namespace that holds a workload, in sorted order (K8S304's per-namespace finding).
  std::vector<std::string> workload_namespaces() const;

  std::vector<const IndexedWorkload*> workloads_selected_by(const LabelSelector& selector,
                                                            std::string_view ns) const;
  // Whether some workload of `ns` that the selector selects also passes `accept`. Stops at
  // the first; for a selector on a common label, much cheaper than listing them all in order.
  bool any_workload_selected_by(const LabelSelector& selector, std::string_view ns,
                                const std::function<bool(const IndexedWorkload&)>& accept) const;
  std::vector<const IndexedNetworkPolicy*> network_policies_selecting(
      const IndexedWorkload& workload) const;
  std::vector<const IndexedDisruptionBudget*> disruption_budgets_selecting(
      const IndexedWorkload& workload) const;
  std::vector<const IndexedAutoscaler*> autoscalers_targeting(
      const IndexedWorkload& workload) const;
  // The union of the container defaults of every LimitRange in the namespace.
  ResourceFlags limit_range_defaults(std::string_view ns) const;
  // Groups of objects with the same API group, kind, namespace and name (more than one each;
  // generated names never collide). Each group and the list are in path order.
  std::vector<std::vector<const IndexedObject*>> duplicate_objects() const;

  size_t file_count() const { return files_.size(); }

 private:
  struct FileFacts {
    std::vector<IndexedObject> objects;
    std::vector<IndexedWorkload> workloads;
    std::vector<IndexedService> services;
    std::vector<IndexedNetworkPolicy> network_policies;
    std::vector<IndexedDisruptionBudget> disruption_budgets;
    std::vector<IndexedAutoscaler> autoscalers;
    std::vector<IndexedLimitRange> limit_ranges;
  };
  void link(const FileFacts& facts);
  // The workloads of `facts` that may match `selector` (a superset, in no order).
  static const std::vector<const IndexedWorkload*>& selector_candidates(
      const LabelSelector& selector, const NamespaceFacts& facts);
  void unlink(const FileFacts& facts);

  std::map<std::string, FileFacts, std::less<>> files_;  // by display path
  std::map<std::string, NamespaceFacts, std::less<>> namespaces_;
  std::unordered_map<std::string, std::vector<const IndexedObject*>> identities_;
};

}  // namespace berth::k8s
