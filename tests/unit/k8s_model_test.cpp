// The Kubernetes model: object and pod spec discovery, containers and their effective security
// context, exact spans, shape errors, label selectors, the cross-resource index, Helm detection.
#include <doctest/doctest.h>

#include <memory>
#include <sstream>
#include <string>

#include "analyzer/kubernetes/model.h"

using namespace berth;
using namespace berth::k8s;

namespace {

// A source and its manifest, kept together because the model points into both.
struct Parsed {
  std::unique_ptr<SourceFile> source;
  ManifestFile manifest;

  explicit Parsed(std::string text, std::string path = "x.yaml")
      : source(std::make_unique<SourceFile>(std::move(path), std::move(text))),
        manifest(build_manifest(*source)) {}

  std::string_view slice(Span span) const { return source->slice(span); }
  const Object& only() const {
    REQUIRE(manifest.objects.size() == 1);
    return manifest.objects.front();
  }
  bool has_error_containing(std::string_view text) const {
    for (const ModelError& error : manifest.shape_errors) {
      if (error.message.find(text) != std::string::npos) return true;
    }
    return false;
  }
  const ModelError* error_at(std::string_view path_prefix) const {
    for (const ModelError& error : manifest.shape_errors) {
      if (error.message.starts_with(path_prefix)) return &error;
    }
    return nullptr;
  }
};

LabelMap labels(std::initializer_list<std::pair<const std::string, std::string>> list) {
  return LabelMap(list);
}

LabelSelector selector_from(std::string_view yaml_text, AbsentSelector absent,
                            std::vector<ModelError>* errors = nullptr) {
  // The stream must outlive parsing only: the selector copies what it needs.
  const yaml::Stream stream = yaml::parse_stream(yaml_text);
  const yaml::Node* root = stream.documents.empty() ? nullptr : stream.documents[0].root;
  return parse_label_selector(root, absent, "selector", errors);
}

}  // namespace

TEST_CASE("k8s model: pod specs are found in every workload kind") {
  struct Case {
    const char* text;
    const char* kind;
    bool long_running;
    bool has_replicas;
  };
  const Case cases[] = {
      {R"(apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: x}}
spec:
  containers: [{name: c, image: nginx:1.25}]
)",
       "Pod", true, false},
      {R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: x}}
    spec: {containers: [{name: c, image: nginx:1.25}]}
)",
       "Deployment", true, true},
      {R"(apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: x}}
    spec: {containers: [{name: c, image: nginx:1.25}]}
)",
       "StatefulSet", true, true},
      {R"(apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    metadata: {labels: {app: x}}
    spec: {containers: [{name: c, image: nginx:1.25}]}
)",
       "DaemonSet", true, false},
      {R"(apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: x}}
    spec: {containers: [{name: c, image: nginx:1.25}]}
)",
       "ReplicaSet", true, true},
      {R"(apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: x}}
    spec: {containers: [{name: c, image: nginx:1.25}]}
)",
       "ReplicationController", true, true},
      {R"(apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    metadata: {labels: {app: x}}
    spec: {restartPolicy: Never, containers: [{name: c, image: nginx:1.25}]}
)",
       "Job", false, false},
      {R"(apiVersion: batch/v1
kind: CronJob
metadata: {name: cj}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: x}}
        spec: {containers: [{name: c, image: nginx:1.25}]}
)",
       "CronJob", false, false},
      {R"(apiVersion: v1
kind: PodTemplate
metadata: {name: pt}
template:
  metadata: {labels: {app: x}}
  spec: {containers: [{name: c, image: nginx:1.25}]}
)",
       "PodTemplate", true, false},
      {R"(apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: x}}
    spec: {containers: [{name: c, image: nginx:1.25}]}
)",
       "Rollout", true, true},
      {R"(apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: ks}
spec:
  template:
    metadata: {labels: {app: x}}
    spec: {containers: [{name: c, image: nginx:1.25}]}
)",
       "Service", true, false},
      {R"(apiVersion: keda.sh/v1alpha1
kind: ScaledJob
metadata: {name: sj}
spec:
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: x}}
        spec: {containers: [{name: c, image: nginx:1.25}]}
)",
       "ScaledJob", false, false},
  };
  for (const Case& test : cases) {
    CAPTURE(test.kind);
    const Parsed parsed(test.text);
    const Object& object = parsed.only();
    CHECK(parsed.manifest.shape_errors.empty());
    REQUIRE(object.pod_spec.has_value());
    const PodSpec& pod = *object.pod_spec;
    CHECK(pod.workload_kind == test.kind);
    CHECK(pod.long_running == test.long_running);
    CHECK((pod.replicas != nullptr) == test.has_replicas);
    if (test.has_replicas) CHECK(pod.replica_count() == 3);
    REQUIRE(pod.containers.size() == 1);
    CHECK(pod.containers[0].name == "c");
    CHECK(pod.containers[0].image == "nginx:1.25");
    CHECK(parsed.slice(pod.containers[0].report_span) == "name: c");
    CHECK(parsed.slice(pod.report_span()) == "spec");
    CHECK(to_label_map(pod.template_labels) == labels({{"app", "x"}}));
  }
}

TEST_CASE("k8s model: unknown kinds and foreign groups are never workloads") {
  const Parsed parsed(R"(apiVersion: example.com/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: core-service}
spec:
  template:
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: example.com/v1
kind: MyWorkload
metadata: {name: w}
spec:
  template:
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: legacy}
spec:
  template:
    spec: {containers: [{name: c, image: nginx}]}
)");
  REQUIRE(parsed.manifest.objects.size() == 4);
  CHECK_FALSE(parsed.manifest.objects[0].pod_spec);
  CHECK_FALSE(parsed.manifest.objects[1].pod_spec);  // a core Service is not Knative's
  CHECK_FALSE(parsed.manifest.objects[2].pod_spec);
  CHECK(parsed.manifest.objects[3].pod_spec);
  CHECK(parsed.manifest.objects[3].api_group == "extensions");
}

TEST_CASE("k8s model: a bare Pod that runs to completion is not long-running") {
  const Parsed parsed(R"(apiVersion: v1
kind: Pod
metadata: {name: once}
spec:
  restartPolicy: OnFailure
  containers: [{name: c, image: busybox:1.36}]
)");
  CHECK_FALSE(parsed.only().pod_spec->long_running);
}

TEST_CASE("k8s model: List items and typed lists become objects") {
  const Parsed parsed(R"(apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: cm, namespace: team}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      template:
        spec:
          containers: [{name: app, image: nginx:1.25}]
  - not-an-object
---
apiVersion: apps/v1
kind: DeploymentList
items:
  - metadata: {name: typed}
    spec:
      template:
        spec:
          containers: [{name: app, image: nginx:1.25}]
)");
  REQUIRE(parsed.manifest.objects.size() == 3);
  const Object& config_map = parsed.manifest.objects[0];
  CHECK(config_map.kind == "ConfigMap");
  CHECK(config_map.namespace_ == "team");
  CHECK(config_map.list_item == 0);
  CHECK(config_map.document == 0);
  const Object& deployment = parsed.manifest.objects[1];
  CHECK(deployment.kind == "Deployment");
  CHECK(deployment.list_item == 1);
  REQUIRE(deployment.pod_spec);
  CHECK(deployment.pod_spec->containers.at(0).name == "app");
  const Object& typed = parsed.manifest.objects[2];
  CHECK(typed.kind == "Deployment");
  CHECK(typed.api_version == "apps/v1");
  CHECK(typed.document == 1);
  CHECK(typed.name == "typed");
  CHECK(typed.pod_spec);
  const ModelError* error = parsed.error_at("items[2]");
  REQUIRE(error);
  CHECK(parsed.slice(error->span) == "not-an-object");
}

TEST_CASE("k8s model: containers, initContainers and ephemeralContainers in order") {
  const Parsed parsed(R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: busybox:1.36
  containers:
    - name: app
      image: nginx:1.25
    - image: sidecar:1
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
)");
  const PodSpec& pod = *parsed.only().pod_spec;
  REQUIRE(pod.containers.size() == 4);
  CHECK(pod.containers[0].type == ContainerType::Container);
  CHECK(pod.containers[0].name == "app");
  CHECK(pod.containers[1].type == ContainerType::Container);
  CHECK(pod.containers[1].name.empty());
  CHECK(pod.containers[1].index == 1);
  CHECK(parsed.slice(pod.containers[1].report_span) == "image");  // no name: the first key
  CHECK(pod.containers[2].type == ContainerType::InitContainer);
  CHECK(pod.containers[2].name == "init");
  CHECK(pod.containers[3].type == ContainerType::EphemeralContainer);
  CHECK(to_string(pod.containers[3].type) == "ephemeralContainer");

  int visited = 0;
  for_each_container(parsed.manifest, [&](const Object& object, const PodSpec&, const Container&) {
    CHECK(object.name == "web");
    ++visited;
  });
  CHECK(visited == 4);
  int pod_specs = 0;
  for_each_pod_spec(parsed.manifest, [&](const Object&, const PodSpec&) { ++pod_specs; });
  CHECK(pod_specs == 1);
}

TEST_CASE("k8s model: the container securityContext overrides the pod's field by field") {
  const Parsed parsed(R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
    fsGroup: 2000
    seccompProfile:
      type: RuntimeDefault
    sysctls:
      - {name: net.core.somaxconn, value: "1024"}
    capabilities: {add: [SYS_ADMIN]}
  containers:
    - name: app
      image: nginx:1.25
      securityContext:
        runAsUser: 0
        runAsNonRoot: null
        privileged: true
        capabilities:
          drop: [ALL]
    - name: plain
      image: nginx:1.25
)");
  const PodSpec& pod = *parsed.only().pod_spec;
  REQUIRE(pod.containers.size() == 2);
  const Container& app = pod.containers[0];
  const EffectiveSecurityContext& s = app.security;
  CHECK(s.run_as_user.as_int() == 0);
  CHECK_FALSE(s.run_as_user.from_pod);
  CHECK(parsed.slice(s.run_as_user.span()) == "runAsUser: 0");
  // null is unset: the pod's value applies.
  CHECK(s.run_as_non_root.as_bool() == true);
  CHECK(s.run_as_non_root.from_pod);
  CHECK(parsed.slice(s.run_as_non_root.span()) == "runAsNonRoot: true");
  CHECK(s.privileged.as_bool() == true);
  CHECK(parsed.slice(s.capabilities.value->span).find("drop") != std::string_view::npos);
  CHECK(s.seccomp_profile.from_pod);
  CHECK(parsed.slice(s.seccomp_profile.key->span) == "seccompProfile");
  CHECK(s.sysctls.from_pod);
  CHECK(s.fs_group.as_int() == 2000);
  CHECK_FALSE(s.allow_privilege_escalation.is_set());
  CHECK_FALSE(s.read_only_root_filesystem.is_set());
  REQUIRE(app.security_context);
  CHECK(parsed.slice(app.security_context_key->span) == "securityContext");

  const Container& plain = pod.containers[1];
  CHECK(plain.security_context == nullptr);
  CHECK(plain.security.run_as_user.as_int() == 1000);
  CHECK(plain.security.run_as_user.from_pod);
  // Capabilities exist only on containers; the pod's (invalid) field is not inherited.
  CHECK_FALSE(plain.security.capabilities.is_set());
  CHECK_FALSE(plain.security.privileged.is_set());
  REQUIRE(pod.security_context);
  CHECK(parsed.slice(pod.security_context_key->span) == "securityContext");
}

TEST_CASE("k8s model: exact spans of object and container fields") {
  const Parsed parsed(R"(# leading comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app: web
    tier: "front"
  annotations:
    berth.dev/ignore: "K8S101"
spec:
  replicas: 2
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: "nginx:1.25"
          resources:
            limits: {cpu: 500m}
            requests:
              memory: 64Mi
          livenessProbe:
            httpGet: {path: /, port: 80}
---
apiVersion: v1
kind: ConfigMap
data: {a: b}
)");
  REQUIRE(parsed.manifest.objects.size() == 2);
  const Object& web = parsed.manifest.objects[0];
  CHECK(web.name == "web");
  CHECK(web.namespace_ == "shop");
  CHECK(parsed.slice(web.report_span) == "name: web");
  CHECK(parsed.slice(web.namespace_node->span) == "shop");
  CHECK(parsed.slice(web.kind_node->span) == "Deployment");
  REQUIRE(web.labels.size() == 2);
  CHECK(web.labels[1].key == "tier");
  CHECK(web.labels[1].value == "front");
  CHECK(parsed.slice(web.labels[1].span()) == "tier: \"front\"");
  REQUIRE(web.annotations.size() == 1);
  CHECK(parsed.slice(web.annotations[0].value_node->span) == "\"K8S101\"");
  CHECK(web.annotations[0].value == "K8S101");
  const PodSpec& pod = *web.pod_spec;
  CHECK(parsed.slice(entry_span(pod.replicas_key, pod.replicas)) == "replicas: 2");
  const Container& app = pod.containers.at(0);
  CHECK(parsed.slice(app.image_node->span) == "\"nginx:1.25\"");
  CHECK(parsed.slice(app.image_key->span) == "image");
  CHECK(app.limit("cpu") != nullptr);
  CHECK(parsed.slice(app.limit("cpu")->span) == "500m");
  CHECK(app.limit("memory") == nullptr);
  CHECK(parsed.slice(app.request("memory")->span) == "64Mi");
  CHECK(app.liveness_probe() != nullptr);
  CHECK(app.readiness_probe() == nullptr);
  CHECK(logical_location(web, &app).container == "app");
  CHECK(logical_location(web).namespace_ == "shop");

  // Without a name, object-level findings sit on the `kind: X` entry.
  const Object& config_map = parsed.manifest.objects[1];
  CHECK(config_map.name.empty());
  CHECK(parsed.slice(config_map.report_span) == "kind: ConfigMap");
}

TEST_CASE("k8s model: generateName stands in for the name") {
  const Parsed parsed(R"(apiVersion: batch/v1
kind: Job
metadata:
  generateName: migrate-
spec:
  template:
    spec: {containers: [{name: c, image: busybox:1.36}]}
)");
  const Object& job = parsed.only();
  CHECK(job.name == "migrate-");
  CHECK(job.generated_name);
  CHECK(parsed.slice(job.report_span) == "generateName: migrate-");
}

TEST_CASE("k8s model: anchors, aliases and merge keys in a Deployment") {
  const Parsed parsed(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: &labels
    app: web
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      securityContext: &podsc
        runAsUser: 1000
      containers:
        - &base
          name: app
          image: nginx:1.25
          securityContext:
            readOnlyRootFilesystem: true
        - <<: *base
          name: sidecar
          image: busybox:1.36
)");
  const Object& web = parsed.only();
  CHECK(parsed.manifest.shape_errors.empty());
  const PodSpec& pod = *web.pod_spec;
  CHECK(to_label_map(pod.template_labels) == labels({{"app", "web"}}));
  REQUIRE(web.selector);
  CHECK(web.selector->matches(pod.template_labels));
  REQUIRE(pod.containers.size() == 2);
  const Container& sidecar = pod.containers[1];
  CHECK(sidecar.name == "sidecar");
  CHECK(sidecar.image == "busybox:1.36");
  CHECK(parsed.slice(sidecar.report_span) == "name: sidecar");
  CHECK(sidecar.security.read_only_root_filesystem.as_bool() == true);
  CHECK(parsed.slice(sidecar.security.read_only_root_filesystem.span()) ==
        "readOnlyRootFilesystem: true");
  CHECK(sidecar.security.run_as_user.from_pod);
}

TEST_CASE("k8s model: documents that are not Kubernetes objects are ignored silently") {
  const Parsed parsed(R"(# a GitHub workflow
name: ci
on: [push]
jobs:
  build: {runs-on: ubuntu-latest}
---
services:
  web: {image: nginx}
---
# Helm values
replicaCount: 1
image: {repository: nginx}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: real}
...
---
---
apiVersion: [v1]
kind: Pod
---
apiVersion: v1
kind: {Pod: 1}
---
- a list document
---
just a scalar
)");
  REQUIRE(parsed.manifest.objects.size() == 1);
  CHECK(parsed.manifest.objects[0].name == "real");
  CHECK(parsed.manifest.objects[0].document == 3);
  CHECK(parsed.manifest.shape_errors.empty());
}

TEST_CASE("k8s model: shape errors name the field and point at the bad value") {
  const Parsed parsed(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: {nested: map}
spec:
  template:
    spec:
      securityContext: strict
      containers:
        - just-a-string
        - name: app
          image: [nginx]
          securityContext: [privileged]
          ports: {containerPort: 80}
          env:
            - FOO=bar
      initContainers: nope
---
apiVersion: v1
kind: Pod
metadata: [not, a, mapping]
spec: scalar
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  template: [a]
)");
  CHECK(parsed.manifest.objects.size() == 3);
  auto check_error = [&](std::string_view path, std::string_view text) {
    CAPTURE(path);
    const ModelError* error = parsed.error_at(path);
    REQUIRE(error);
    CHECK(parsed.slice(error->span) == text);
  };
  check_error("metadata.labels.app:", "{nested: map}");
  check_error("spec.template.spec.securityContext:", "strict");
  check_error("spec.template.spec.containers[0]:", "just-a-string");
  check_error("spec.template.spec.containers[1].image:", "[nginx]");
  check_error("spec.template.spec.containers[1].securityContext:", "[privileged]");
  check_error("spec.template.spec.containers[1].ports:", "{containerPort: 80}");
  check_error("spec.template.spec.containers[1].env[0]:", "FOO=bar");
  check_error("spec.template.spec.initContainers:", "nope");
  check_error("metadata:", "[not, a, mapping]");
  check_error("spec:", "scalar");
  check_error("spec.template:", "[a]");
  CHECK(parsed.has_error_containing("expected a mapping, found a list"));
  CHECK(parsed.has_error_containing("expected a string, found a list"));
  // The valid container is still there for the other rules.
  const PodSpec& pod = *parsed.manifest.objects[0].pod_spec;
  REQUIRE(pod.containers.size() == 1);
  CHECK(pod.containers[0].name == "app");
  CHECK(pod.containers[0].image.empty());
  CHECK(pod.containers[0].security_context == nullptr);
}

TEST_CASE("k8s model: null values are unset, never shape errors") {
  const Parsed parsed(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
  annotations: ~
spec:
  replicas:
  template:
    metadata:
    spec:
      securityContext:
      volumes:
      containers:
        - name: app
          image:
          securityContext:
          resources:
)");
  CHECK(parsed.manifest.shape_errors.empty());
  const PodSpec& pod = *parsed.only().pod_spec;
  CHECK(pod.replicas == nullptr);
  REQUIRE(pod.containers.size() == 1);
  CHECK(pod.containers[0].image_node == nullptr);
  CHECK(pod.containers[0].resources() == nullptr);
}

TEST_CASE("k8s model: garbage shapes never crash") {
  const char* texts[] = {
      "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    -\n    - ~\n    - []\n    - {}\n",
      "apiVersion: v1\nkind: Pod\nmetadata: 1\nspec: [1, 2]\n",
      "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: 5\n",
      "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate: []\n",
      "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec: ~\n",
      "apiVersion: v1\nkind: List\nitems: 3\n",
      "apiVersion: v1\nkind: List\nitems: [1, ~, [a], {kind: List, apiVersion: v1, items: [x]}]\n",
      "apiVersion: v1\nkind: Service\nspec:\n  selector: [a]\n",
      "apiVersion: v1\nkind: Service\nspec:\n  selector: {app: [x]}\n",
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec:\n  podSelector:\n"
      "    matchExpressions: [1, {key: [a], operator: In}, {}]\n",
      "apiVersion: v1\nkind: LimitRange\nspec:\n  limits: [1, {type: Container, default: 3}]\n",
      "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  scaleTargetRef: x\n",
      "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: [a]\n  annotations: {? [a]: b}\n",
      "a: &a [*a]\n",
      "apiVersion: v1\nkind: Pod\nspec: &s\n  containers:\n    - name: a\n      securityContext: "
      "*s\n",
      "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {capabilities: 1, sysctls: 2}\n"
      "  containers: [{securityContext: {capabilities: {add: 1, drop: [[a]]}}}]\n",
      "{{ .Values.x }}\n",
      "\t- :\n  : -\n",
      "",
  };
  for (const char* text : texts) {
    CAPTURE(text);
    const Parsed parsed(text);
    ClusterIndex index;
    index.add(parsed.manifest);
    std::ostringstream dump;
    dump_manifest(parsed.manifest, dump);
    CHECK(index.file_count() == 1);
  }
}

TEST_CASE("k8s model: label selector operators") {
  const LabelSelector selector = selector_from(R"(matchLabels: {app: web}
matchExpressions:
  - {key: tier, operator: In, values: [front, edge]}
  - {key: env, operator: NotIn, values: [dev]}
  - {key: team, operator: Exists}
  - {key: legacy, operator: DoesNotExist}
)",
                                               AbsentSelector::SelectsNothing);
  CHECK_FALSE(selector.selects_nothing);
  CHECK_FALSE(selector.selects_all());
  REQUIRE(selector.match_expressions.size() == 4);
  const LabelMap good = labels({{"app", "web"}, {"tier", "front"}, {"team", "a"}});
  CHECK(selector.matches(good));
  auto with = [&](std::string key, std::string value) {
    LabelMap copy = good;
    copy[key] = value;
    return copy;
  };
  auto without = [&](std::string key) {
    LabelMap copy = good;
    copy.erase(key);
    return copy;
  };
  CHECK_FALSE(selector.matches(with("app", "api")));     // matchLabels value differs
  CHECK_FALSE(selector.matches(without("app")));         // matchLabels key missing
  CHECK(selector.matches(with("tier", "edge")));         // In: second value
  CHECK_FALSE(selector.matches(with("tier", "back")));   // In: value not listed
  CHECK_FALSE(selector.matches(without("tier")));        // In: key missing
  CHECK(selector.matches(with("env", "prod")));          // NotIn: other value
  CHECK_FALSE(selector.matches(with("env", "dev")));     // NotIn: listed value
  CHECK_FALSE(selector.matches(without("team")));        // Exists: key missing
  CHECK(selector.matches(with("team", "")));             // Exists: empty value counts
  CHECK_FALSE(selector.matches(with("legacy", "yes")));  // DoesNotExist: key present

  // The same semantics over the model's ordered label list.
  const Parsed pod(R"(apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {app: web, tier: edge, team: a}
)");
  CHECK(selector.matches(pod.only().labels));
}

TEST_CASE("k8s model: empty, absent and invalid selectors") {
  // metav1.LabelSelector: `{}` selects everything, nil selects nothing.
  const LabelSelector empty = selector_from("{}", AbsentSelector::SelectsNothing);
  CHECK(empty.selects_all());
  CHECK(empty.matches(LabelMap{}));
  const LabelSelector absent = parse_label_selector(nullptr, AbsentSelector::SelectsNothing);
  CHECK(absent.selects_nothing);
  CHECK_FALSE(absent.matches(labels({{"app", "web"}})));

  std::vector<ModelError> errors;
  const LabelSelector unknown =
      selector_from("matchExpressions: [{key: app, operator: Equals, values: [web]}]",
                    AbsentSelector::SelectsNothing, &errors);
  CHECK(unknown.selects_nothing);
  CHECK_FALSE(unknown.matches(labels({{"app", "web"}})));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("unknown operator \"Equals\"") != std::string::npos);

  errors.clear();
  const LabelSelector no_values =
      selector_from("matchExpressions: [{key: app, operator: In, values: []}]",
                    AbsentSelector::SelectsNothing, &errors);
  CHECK(no_values.selects_nothing);
  CHECK(errors.size() == 1);

  const Parsed parsed(R"(apiVersion: v1
kind: Service
metadata: {name: manual-endpoints}
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec:
  selector: {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec:
  podSelector: {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: omitted}
spec:
  policyTypes: [Ingress]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: all}
spec:
  selector: {}
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: legacy-empty}
spec:
  selector: {}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: none}
spec:
  minAvailable: 1
)");
  REQUIRE(parsed.manifest.objects.size() == 7);
  const LabelMap any = labels({{"app", "web"}});
  auto selects = [&](size_t i) {
    const Object& object = parsed.manifest.objects[i];
    REQUIRE(object.selector);
    return object.selector->matches(any);
  };
  // A Service without a selector manages no pods (its endpoints are set by hand).
  CHECK_FALSE(selects(0));
  CHECK_FALSE(selects(1));
  CHECK(selects(2));  // NetworkPolicy podSelector {} : every pod in the namespace
  CHECK(selects(3));  // omitted podSelector is the same as {}
  CHECK(selects(4));
  CHECK_FALSE(selects(5));
  CHECK_FALSE(selects(6));
}

TEST_CASE("k8s model: cluster index facts and queries") {
  const Parsed apps(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  template:
    metadata:
      labels: {app: web}
      annotations: {ignore-check.kube-linter.io/no-liveness-probe: "x", other: "y"}
    spec:
      containers:
        - name: app
          image: nginx:1.25
          resources: {limits: {cpu: 1}, requests: {memory: 1Gi}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres:16}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  type: NodePort
  selector:
    app: web
---
apiVersion: v1
kind: Service
metadata: {name: orphan}
spec:
  selector: {app: nothing}
)",
                    "b/apps.yaml");
  const Parsed policies(R"(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-only, namespace: default}
spec:
  podSelector: {matchLabels: {app: web}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: db, namespace: data}
spec:
  scaleTargetRef: {name: db, kind: StatefulSet}
---
apiVersion: v1
kind: LimitRange
metadata: {name: limits, namespace: data}
spec:
  limits:
    - type: Container
      max: {cpu: "2"}
      min: {memory: 64Mi}
---
apiVersion: v1
kind: Namespace
metadata: {name: data}
---
apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  template:
    metadata: {labels: {app: legacy}}
    spec: {containers: [{name: app, image: nginx:1.25}]}
---
apiVersion: batch/v1
kind: Job
metadata: {generateName: web}
spec:
  template:
    spec: {containers: [{name: c, image: busybox:1.36}]}
---
apiVersion: batch/v1
kind: Job
metadata: {generateName: web}
spec:
  template:
    spec: {containers: [{name: c, image: busybox:1.36}]}
)",
                        "a/policies.yaml");
  ClusterIndex index;
  index.add(apps.manifest);
  index.add(policies.manifest);
  CHECK(index.file_count() == 2);

  // Listings come in path order whatever the order of add().
  const auto objects = index.objects();
  REQUIRE(objects.size() == 13);
  CHECK(objects.front()->location.path() == "a/policies.yaml");
  CHECK(objects.back()->location.path() == "b/apps.yaml");

  const auto workloads = index.workloads();
  REQUIRE(workloads.size() == 5);  // legacy Deployment, two Jobs, web, db
  const IndexedWorkload& web = *workloads[3];
  CHECK(web.object->name == "web");
  CHECK(web.object->kind == "Deployment");
  CHECK(web.replicas == 3);
  REQUIRE(web.replicas_location);
  CHECK(web.replicas_location->line() == 5);
  CHECK(web.replicas_location->source_line == "  replicas: 3");
  CHECK(web.object->location.line() == 3);
  CHECK(web.object->location.start.column == 12);
  CHECK(web.object->location.source_line == "metadata: {name: web}");
  CHECK(web.template_labels == labels({{"app", "web"}}));
  REQUIRE(web.containers.size() == 1);
  CHECK(web.containers[0].resources.limits_cpu);
  CHECK_FALSE(web.containers[0].resources.limits_memory);
  CHECK(web.containers[0].resources.requests_memory);
  CHECK(web.containers[0].location.line() == 12);
  const IndexedWorkload& db = *workloads[4];
  CHECK_FALSE(db.replicas.has_value());

  // Services: unset and `default` namespaces are one namespace.
  const auto services = index.services();
  REQUIRE(services.size() == 2);
  CHECK(services[0]->type == "NodePort");
  CHECK(services[0]->selector_location.line() == 29);
  const auto selected = index.workloads_selected_by(services[0]->selector, "default");
  REQUIRE(selected.size() == 1);
  CHECK(selected[0] == &web);
  CHECK(index.workloads_selected_by(services[1]->selector, "").empty());
  CHECK(index.workloads_selected_by(services[0]->selector, "data").empty());

  CHECK(index.network_policies_selecting(web).size() == 1);
  CHECK(index.network_policies_selecting(db).empty());
  CHECK(index.disruption_budgets_selecting(web).size() == 1);
  CHECK(index.disruption_budgets_selecting(db).empty());
  CHECK(index.autoscalers_targeting(web).size() == 1);
  REQUIRE(index.autoscalers_targeting(db).size() == 1);
  CHECK(index.autoscalers_targeting(db)[0]->object->kind == "ScaledObject");

  const ResourceFlags data_defaults = index.limit_range_defaults("data");
  CHECK(data_defaults.limits_cpu);    // default falls back to max
  CHECK(data_defaults.requests_cpu);  // defaultRequest falls back to the default
  CHECK_FALSE(data_defaults.limits_memory);
  CHECK(data_defaults.requests_memory);  // ... then to min
  CHECK_FALSE(index.limit_range_defaults("default").limits_cpu);

  CHECK(index.has_namespace_object("data"));
  CHECK_FALSE(index.has_namespace_object("shop"));
  CHECK(index.workload_namespaces() == std::vector<std::string>{"data", "default"});
  const NamespaceFacts* data = index.in_namespace("data");
  REQUIRE(data);
  CHECK(data->workloads.size() == 1);
  CHECK(data->limit_ranges.size() == 1);
  CHECK(index.in_namespace("") == index.in_namespace("default"));

  // apps/v1 and extensions/v1beta1 Deployment web in the default namespace: one object twice.
  // Generated names never collide.
  const auto duplicates = index.duplicate_objects();
  REQUIRE(duplicates.size() == 1);
  REQUIRE(duplicates[0].size() == 2);
  CHECK(duplicates[0][0]->location.path() == "a/policies.yaml");
  CHECK(duplicates[0][1]->location.path() == "b/apps.yaml");

  // Adding a file again replaces its facts; removing drops them.
  index.add(apps.manifest);
  CHECK(index.objects().size() == 13);
  index.remove("a/policies.yaml");
  CHECK(index.objects().size() == 4);
  CHECK(index.duplicate_objects().empty());
  CHECK(index.network_policies_selecting(*index.workloads()[0]).empty());
  CHECK(index.in_namespace("data")->limit_ranges.empty());
}

TEST_CASE("k8s model: Helm templates are told from manifests that contain {{ }}") {
  CHECK(is_helm_template(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
)"));
  CHECK(
      is_helm_template("{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\n{{- end }}\n"));
  CHECK(is_helm_template("image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n"));
  CHECK(is_helm_template(
      "metadata:\n  name: etcd-{{cell}}\nspec:\n  selector:\n    cell: {{cell}}\n"));
  CHECK(is_helm_template("data:\n  kubeVersion: {{.Capabilities.KubeVersion}}\n"));
  CHECK(is_helm_template("  config: |\n    {{ .Values.config }}\n"));

  CHECK_FALSE(is_helm_template("apiVersion: v1\nkind: ConfigMap\n"));
  CHECK_FALSE(is_helm_template("# name: {{ .Values.name }}\napiVersion: v1\n"));
  // Prometheus alert text, Argo parameters and ApplicationSet paths are plain string content.
  CHECK_FALSE(is_helm_template(R"(apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
spec:
  groups:
    - rules:
        - alert: Down
          annotations:
            summary: "{{ $labels.instance }} is down"
            description: '{{ $value }} for 5m'
)"));
  CHECK_FALSE(is_helm_template(R"(spec:
  template:
    spec:
      source:
        path: guestbook/{{cluster}}
      args: ["{{inputs.parameters.message}}"]
)"));
  CHECK_FALSE(is_helm_template(R"(data:
  template.app-sync: |
    message: |
      Application details: {{.context.argocdUrl}}/applications/{{.app.metadata.name}}.
    email:
      subject: Application {{.app.metadata.name}} sync
  alert.tmpl: |-
    {{ range .Alerts }}
    {{ .Annotations.summary }}
    {{ end }}
kind: ConfigMap
)"));
}

TEST_CASE("k8s model: template detection tracks quotes across lines and reports the action") {
  // A Grafana dashboard in a multi-line double-quoted scalar: `: {{ x }}` is string content.
  CHECK_FALSE(is_helm_template(R"(data:
  dashboard.json: "{\"legendFormat\":\"{{ source }}.{{ ns }}
    : {{ response_code }}\", \"it's\": 1}"
kind: ConfigMap
)"));
  CHECK_FALSE(is_helm_template("args: ['it''s {{inputs.x}}', \"a: {{b}}\"]\n"));
  CHECK_FALSE(is_helm_template("run: echo a | tee b # {{ .Values.x }}\n"));
  const std::string text = "kind: Pod\nmetadata:\n  name: x-{{ .Release.Name }}\n";
  const std::optional<Span> action = find_template_action(text);
  REQUIRE(action);
  CHECK(text.substr(action->begin, action->size()) == "{{ .Release.Name }}");
  CHECK_FALSE(find_template_action("kind: Pod\n"));
  CHECK(is_helm_template("\xEF\xBB\xBF{{- if .Values.on }}\nkind: Pod\n{{- end }}\n"));
  // A document marker ends a scalar left open (YAML allows none across it): the next
  // document is judged as it would be alone, as the language server judges it.
  CHECK(is_helm_template("a: \"open\n---\n{{ x }}\nkind: Pod\n"));
  CHECK(is_helm_template("a: |\n  text\n...\n{{ x }}\n"));
  CHECK_FALSE(is_helm_template("a: \"open\n----\n{{ x }}\"\n"));  // not a marker
}

TEST_CASE("k8s model: helm template output names each document's template") {
  const std::string text = R"(---
# Source: web/templates/service.yaml
apiVersion: v1
kind: Service
metadata: {name: web}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: plain}
---
# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
)";
  const Parsed parsed(text);
  const auto sources = helm_sources(parsed.manifest.stream, parsed.source->text());
  REQUIRE(sources.size() == parsed.manifest.stream.documents.size());
  REQUIRE(sources.size() == 3);
  CHECK(sources[0].template_path == "web/templates/service.yaml");
  CHECK(parsed.slice(sources[0].comment) == "# Source: web/templates/service.yaml");
  CHECK(sources[1].template_path.empty());
  CHECK(sources[2].template_path == "web/templates/deployment.yaml");
}

TEST_CASE("k8s model: cluster-scoped kinds") {
  CHECK(is_cluster_scoped("", "Namespace"));
  CHECK(is_cluster_scoped("rbac.authorization.k8s.io", "ClusterRole"));
  CHECK(is_cluster_scoped("cert-manager.io", "ClusterIssuer"));
  CHECK_FALSE(is_cluster_scoped("", "ConfigMap"));
  CHECK_FALSE(is_cluster_scoped("apps", "Deployment"));
}
