// K8S108 host-path-volume: a hostPath volume; an error for runtime sockets and system paths.
#include <array>

#include "analyzer/engine/rule_context.h"
#include "analyzer/kubernetes/model.h"
#include "rules/support/pod_security.h"

namespace berth::rules {
namespace {

// `/var//run/docker.sock/` -> `/var/run/docker.sock`: the kubelet mounts the cleaned path.
std::string clean_path(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out += c;
  }
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// Why a host path is critical, or "" when it is only a plain hostPath.
std::string_view critical_reason(std::string_view path) {
  static constexpr std::array<std::string_view, 3> kSockets{"docker.sock", "containerd.sock",
                                                            "crio.sock"};
  for (std::string_view socket : kSockets) {
    if (path == socket || path.ends_with("/" + std::string(socket))) {
      return "the container runtime socket: full control of every container on the node";
    }
  }
  if (path == "/") return "the node's whole filesystem";
  if (path == "/etc") return "the node's configuration, credentials and kubelet certificates";
  if (path == "/proc") return "the node's processes and kernel settings";
  if (path == "/var/lib/kubelet") return "the kubelet's state, including every pod's secrets";
  return "";
}

// Which containers mount the volume, for the message.
std::string mounted_by(const k8s::PodSpec& pod, std::string_view volume) {
  std::string names;
  for (const k8s::Container& container : pod.containers) {
    const yaml::Node* mounts = container.volume_mounts();
    if (!mounts || !mounts->is_sequence()) continue;
    for (const yaml::Node* mount : mounts->items) {
      const yaml::Node* name = mount->is_mapping() ? mount->get("name") : nullptr;
      if (!name || !name->is_scalar() || name->value != volume) continue;
      names += (names.empty() ? "" : ", ") + pod_security::describe(container);
      break;
    }
  }
  return names.empty() ? "" : ", mounted by " + names;
}

class HostPathVolumeRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "K8S108",
        .name = "host-path-volume",
        .target = RuleTarget::Kubernetes,
        .severity = Severity::Warning,
        .summary = "A pod mounts a directory or file of the node",
        .docs = R"md(## What it does
Reports every `hostPath` volume in the pod spec of every workload kind, at its `path` value
(at the `hostPath` key when the path is missing). The finding is an **error** instead of a
warning (when the configuration leaves the rule's severity at warning) when the path is a container-runtime socket (`docker.sock`,
`containerd.sock`, `crio.sock`, in any directory) or one of `/`, `/etc`, `/proc`,
`/var/lib/kubelet`; paths are compared after removing repeated and trailing slashes. The
message names the containers that mount the volume.

## Why is this bad?
A hostPath volume breaks the pod's filesystem isolation and pins it to the node's layout. The
runtime socket gives full control of the node's containers (start a privileged one, read any
container's files); `/`, `/etc` and `/var/lib/kubelet` hold credentials (kubelet certificates,
every pod's mounted secrets); `/proc` exposes the node's processes and kernel settings. Even a
harmless-looking writable hostPath can be used to plant files the node later executes.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  containers:
  - name: builder
    image: docker:27
    volumeMounts:
    - {name: docker, mountPath: /var/run/docker.sock}
  volumes:
  - name: docker
    hostPath:
      path: /var/run/docker.sock
```

## Use instead
Use a volume type that does not reach into the node (`emptyDir`, `configMap`, `secret`,
`persistentVolumeClaim`), and a rootless builder instead of the runtime socket:
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  containers:
  - name: builder
    image: moby/buildkit:rootless
    volumeMounts:
    - {name: cache, mountPath: /home/user/.local/share/buildkit}
  volumes:
  - name: cache
    emptyDir: {}
```

## Options
None.

## References
- [Kubernetes: Volumes, hostPath](https://kubernetes.io/docs/concepts/storage/volumes/#hostpath)
- [Pod Security Standards: Baseline, HostPath volumes](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
)md",
        .tags = {"security"},
        .security_severity = "7.0",
        .aliases = {{"kube-linter", "docker-sock"},
                    {"kube-linter", "sensitive-host-mounts"},
                    {"checkov", "CKV_K8S_27"},
                    {"trivy", "KSV-0023"}},
    };
    return info;
  }

  void check_kubernetes(const k8s::ManifestFile& file, RuleContext& context) const override {
    k8s::for_each_pod_spec(file, [&](const k8s::Object& object, const k8s::PodSpec& pod) {
      const yaml::Node* volumes = pod.volumes();
      if (!volumes || !volumes->is_sequence()) return;
      for (const yaml::Node* volume : volumes->items) {
        if (!volume->is_mapping()) continue;
        const yaml::Entry* host_path = volume->entry("hostPath");
        if (!host_path || !host_path->value->is_mapping()) continue;
        const yaml::Node* name = volume->get("name");
        const std::string volume_name = name && name->is_scalar() ? name->value : "";
        const yaml::Entry* path_entry = host_path->value->entry("path");
        const bool has_path = path_entry && path_entry->value->is_scalar();
        const std::string path = has_path ? clean_path(path_entry->value->value) : "";
        const std::string_view reason = critical_reason(path);
        std::string message = "volume '" + volume_name + "' mounts host path " +
                              (has_path ? path : std::string("(no path)"));
        if (!reason.empty()) message += " (" + std::string(reason) + ")";
        message += mounted_by(pod, volume_name);
        Finding& finding = pod_security::report(
            context, has_path ? pod_security::value_span(*path_entry) : host_path->key->span,
            std::move(message), object, nullptr);
        // Raised from the default only: a severity the config sets for the rule applies to all.
        if (!reason.empty() && finding.severity == Severity::Warning) {
          finding.severity = Severity::Error;
        }
      }
    });
  }
};

}  // namespace

const Rule& rule_K8S108() {
  static const HostPathVolumeRule rule;
  return rule;
}

}  // namespace berth::rules
