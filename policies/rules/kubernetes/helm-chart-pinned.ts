import { show } from "../../config-values";
import { DEV_WARNING_ELSE_ERROR, PolicyRule, compliant, nonCompliant, notApplicable } from "../../policy-rule";

const EXACT_VERSION = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/;

/** Helm releases from a repository name an exact chart version. */
export const helmChartPinned: PolicyRule = {
  name: "HelmChartPinned",
  description: "Without an exact chart version every plan may install whatever the repository published last, with its own images and defaults",
  fix: "give the release an exact chart version (a PinnedChart, e.g. ObservabilityStackProps.charts), never a range",
  resourceTypes: ["helm_release"],
  checkovIds: [],
  levels: DEV_WARNING_ELSE_ERROR,
  evaluate: (resource) => {
    const chart = resource.config.chart;
    // A chart from a local path is pinned by the repository that holds it.
    if (typeof chart === "string" && /^(\.{1,2}\/|\/)/.test(chart) && resource.config.repository === undefined) return notApplicable();
    const version = resource.config.version;
    return typeof version === "string" && EXACT_VERSION.test(version)
      ? compliant()
      : nonCompliant(`version is ${show(version)}, expected an exact chart version such as "1.2.3"`);
  },
};
