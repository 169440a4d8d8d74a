// `berth dump` for manifests: the model as rules see it, one fact per line, with lines.
#include "analyzer/kubernetes/model.h"

namespace berth::k8s {

namespace {

struct Dumper {
  const ManifestFile& file;
  std::ostream& out;

  std::string where(Span span) const {
    if (!file.source) return "?";
    return std::to_string(file.source->lines().line_of(span.begin));
  }

  void field(std::string_view name, const SecurityField& value) const {
    if (!value.is_set()) return;
    out << "      " << name << " = "
        << (value.value->is_scalar() ? value.value->value : std::string("<structure>"))
        << (value.from_pod ? " (pod)" : "") << " @" << where(value.span()) << "\n";
  }

  void container(const Container& c) const {
    out << "    " << to_string(c.type) << " " << c.name << " @" << where(c.report_span)
        << " image=\"" << c.image << "\"\n";
    const EffectiveSecurityContext& s = c.security;
    field("runAsNonRoot", s.run_as_non_root);
    field("runAsUser", s.run_as_user);
    field("runAsGroup", s.run_as_group);
    field("privileged", s.privileged);
    field("allowPrivilegeEscalation", s.allow_privilege_escalation);
    field("readOnlyRootFilesystem", s.read_only_root_filesystem);
    field("capabilities", s.capabilities);
    field("seccompProfile", s.seccomp_profile);
    field("procMount", s.proc_mount);
    field("seLinuxOptions", s.se_linux_options);
    field("appArmorProfile", s.app_armor_profile);
    field("windowsOptions", s.windows_options);
    field("sysctls", s.sysctls);
    field("fsGroup", s.fs_group);
    field("supplementalGroups", s.supplemental_groups);
  }

  void object(const Object& o) const {
    out << "object doc=" << o.document;
    if (o.list_item >= 0) out << " item=" << o.list_item;
    out << " " << o.api_version << " " << o.kind << " "
        << (o.namespace_.empty() ? std::string("<unset>") : o.namespace_) << "/" << o.name
        << (o.generated_name ? " (generateName)" : "") << " @" << where(o.report_span) << "\n";
    for (const MetadataEntry& label : o.labels) {
      out << "  label " << label.key << "=" << label.value << "\n";
    }
    for (const MetadataEntry& annotation : o.annotations) {
      out << "  annotation " << annotation.key << "\n";
    }
    if (o.selector) {
      out << "  selector"
          << (o.selector->selects_nothing ? " nothing"
              : o.selector->selects_all() ? " all"
                                          : "");
      for (const auto& [key, value] : o.selector->match_labels) out << " " << key << "=" << value;
      out << " (+" << o.selector->match_expressions.size() << " expressions)\n";
    }
    if (!o.pod_spec) return;
    const PodSpec& pod = *o.pod_spec;
    out << "  pod spec @" << where(pod.report_span())
        << (pod.long_running ? " long-running" : " run-to-completion");
    if (pod.replicas) out << " replicas=" << pod.replicas->value;
    out << "\n";
    for (const MetadataEntry& label : pod.template_labels) {
      out << "    template label " << label.key << "=" << label.value << "\n";
    }
    for (const Container& c : pod.containers) container(c);
  }
};

}  // namespace

void dump_manifest(const ManifestFile& file, std::ostream& out) {
  const Dumper dumper{file, out};
  for (size_t i = 0; i < file.stream.documents.size(); ++i) {
    for (const yaml::SyntaxError& error : file.stream.documents[i].errors) {
      out << "syntax-error doc=" << i << " @" << dumper.where(error.span) << " " << error.message
          << "\n";
    }
  }
  for (const Object& object : file.objects) dumper.object(object);
  for (const ModelError& error : file.shape_errors) {
    out << "shape-error @" << dumper.where(error.span) << " " << error.message << "\n";
  }
}

}  // namespace berth::k8s
