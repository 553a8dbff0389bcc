#include "sim/io/results/replication_results.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/io/input/input_error.hpp"
#include "sim/io/results/hdf5_file.hpp"

namespace tsunagu::io {

void writeReplications(Hdf5Writer& out, const des::ReplicatedWindow& window,
                       const des::ReplicationOptions& options) {
  out.createGroup("replications");
  out.setAttribute("replications", "replications", window.runs.size());
  out.setAttribute("replications", "confidence", options.confidence);
  out.setAttribute("replications", "precision_target", options.precision);
  out.setAttribute("replications", "precision_reached", std::int64_t(window.precisionReached));
  out.setAttribute("replications", "decided_by", window.decidedBy);
  out.setAttribute("replications", "transient_end_seconds", window.transientEndSeconds);
  std::vector<std::int64_t> seeds(window.seeds.begin(), window.seeds.end());
  out.writeVector("replications/seeds", seeds);
  std::vector<std::string> names, units;
  std::vector<double> mean, halfWidth, relative;
  std::vector<std::int32_t> counts, steers;
  size_t runs = window.runs.size(), n = window.figures.size();
  std::vector<double> values(runs * n, std::numeric_limits<double>::quiet_NaN());
  for (size_t f = 0; f < n; ++f) {
    const des::Figure& figure = window.figures[f];
    names.push_back(figure.name);
    units.push_back(figure.unit);
    mean.push_back(figure.estimate.mean);
    halfWidth.push_back(figure.estimate.halfWidth);
    relative.push_back(figure.estimate.relativeHalfWidth());
    counts.push_back(figure.estimate.replications);
    steers.push_back(figure.steersPrecision);
    // A figure has one value per run that measured it, in run order; runs that did not
    // measure it come last (they are the same runs for every figure of a service).
    for (size_t r = 0; r < figure.values.size() && r < runs; ++r)
      values[r * n + f] = figure.values[r];
  }
  out.writeStrings("replications/figure", names);
  out.writeStrings("replications/unit", units);
  out.writeMatrix("replications/values", values.data(), runs, n);
  out.writeVector("replications/mean", mean);
  out.writeVector("replications/half_width", halfWidth);
  out.writeVector("replications/relative_half_width", relative);
  out.writeVector("replications/count", counts);
  out.writeVector("replications/steers_precision", steers);
}

void writeReplicatedSimulation(const std::string& path, const Scenario& scenario,
                               const des::ReplicatedWindow& window,
                               const des::ReplicationOptions& options, const Manifest& manifest) {
  Hdf5Writer out = Hdf5Writer::create(path);
  writeManifest(out, scenario.name, manifest, "simulation");
  writeReplications(out, window, options);
  out.commit();
}

int ReplicatedFigures::find(const std::string& name) const {
  auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : int(it - names.begin());
}

std::optional<ReplicatedFigures> readReplications(const Hdf5Reader& in) {
  if (!in.exists("replications")) return std::nullopt;
  ReplicatedFigures r;
  r.replications = int(in.attributeInt("replications", "replications").value_or(0));
  r.confidence = in.attributeDouble("replications", "confidence").value_or(0.95);
  r.names = in.readStrings("replications/figure");
  r.units = in.readStrings("replications/unit");
  auto mean = in.readVector<double>("replications/mean");
  auto halfWidth = in.readVector<double>("replications/half_width");
  auto count = in.readVector<std::int32_t>("replications/count");
  size_t n = r.names.size();
  if (r.units.size() != n || mean.size() != n || halfWidth.size() != n || count.size() != n)
    throw InputError({in.path(), 0, 0}, "",
                     "the datasets of the group 'replications' have different lengths");
  for (size_t f = 0; f < n; ++f) {
    stats::Estimate e;
    e.mean = mean[f];
    e.halfWidth = halfWidth[f];
    e.replications = count[f];
    e.confidence = r.confidence;
    r.estimates.push_back(e);
  }
  return r;
}

}  // namespace tsunagu::io
