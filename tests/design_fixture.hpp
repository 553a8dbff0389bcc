#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/results/design_file.hpp"
#include "sim/io/results/hdf5_file.hpp"

namespace tsunagu::test {

// A results file holding one hand-written design for `fiscalYear`, as `tsunagu size` writes it.
inline void writeDesignFile(const std::string& path, int fiscalYear, const core::Design& design) {
  auto out = io::Hdf5Writer::create(path);
  out.setAttribute("/", "format", std::string("tsunagu-results"));
  out.setAttribute("/", "format_version", std::int64_t(1));
  out.setAttribute("/", "kind", std::string("sizing"));
  io::writeDesign(out, "designs/FY" + std::to_string(fiscalYear), design);
  out.createGroup("designs");
  out.writeVector("designs/fiscal_years", std::vector<std::int32_t>{fiscalYear});
  out.commit();
}

}  // namespace tsunagu::test
