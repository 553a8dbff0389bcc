// Every error the loader can raise carries a location: a sweep of mutants of the shipped and
// test scenarios (each of a sample of their values replaced by a zero, a denormal or a word)
// must either load or fail with an InputError naming a file, a line and a column, including
// the errors raised after parsing by the semantic checks. (The bad-scenario corpus is swept the
// same way through the binary, in cli_bad_input_test.cpp.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <typeinfo>
#include <vector>

#include "sim/io/input/config_node.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "test_support.hpp"

namespace tsunagu::io {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The plain values written in `node` at their own position (not aliased, not quoted).
void collectScalars(const ConfigNode& node, const std::vector<std::string>& text,
                    std::vector<const ConfigNode*>& out) {
  if (node.isScalar() && node.where.line > 0 && size_t(node.where.line) <= text.size()) {
    const std::string& line = text[size_t(node.where.line - 1)];
    if (line.compare(size_t(node.where.column - 1), node.scalar.size(), node.scalar) == 0 &&
        !node.scalar.empty())
      out.push_back(&node);
  }
  for (const auto& [key, value] : node.entries) collectScalars(value, text, out);
  for (const auto& item : node.items) collectScalars(item, text, out);
}

void sweep(const std::string& file, int& mutants, int& rejected) {
  std::ifstream in(file);
  std::string original((std::istreambuf_iterator<char>(in)), {});
  if (original.find("extends:") != std::string::npos) return;  // the bases are swept themselves
  std::vector<std::string> text = lines(original);
  ConfigNode tree = loadYamlFile(file);
  std::vector<const ConfigNode*> scalars;
  collectScalars(tree, text, scalars);
  // An even sample keeps the sweep to seconds (and within reach of the sanitizer build).
  constexpr size_t kPerFile = 25;
  size_t stride = std::max<size_t>(1, scalars.size() / kPerFile);
  std::string mutant =
      (fs::temp_directory_path() / ("tsunagu-sweep-" + std::to_string(getpid()) + ".yaml"))
          .string();
  for (size_t i = 0; i < scalars.size(); i += stride) {
    const ConfigNode& node = *scalars[i];
    for (const char* replacement : {"0", "1e-320", "x"}) {
      std::vector<std::string> changed = text;
      changed[size_t(node.where.line - 1)].replace(size_t(node.where.column - 1),
                                                   node.scalar.size(), replacement);
      std::ofstream out(mutant);
      for (const auto& line : changed) out << line << "\n";
      out.close();
      ++mutants;
      SCOPED_TRACE(file + ":" + std::to_string(node.where.line) + ":" +
                   std::to_string(node.where.column) + " '" + node.scalar + "' -> '" + replacement +
                   "'");
      try {
        loadScenario(mutant);
      } catch (const InputError& e) {
        ++rejected;
        EXPECT_FALSE(e.where().file.empty()) << e.what();
        EXPECT_GT(e.where().line, 0) << e.what();
        EXPECT_GT(e.where().column, 0) << e.what();
      } catch (const std::exception& e) {
        ADD_FAILURE() << typeid(e).name() << " instead of an InputError: " << e.what();
      }
    }
  }
  fs::remove(mutant);
}

TEST(ErrorLocationSweep, EveryErrorOfEveryMutantIsLocated) {
  int mutants = 0, rejected = 0;
  for (const char* directory : {"scenarios", "tests/scenarios"})
    for (const auto& entry : fs::directory_iterator(test::sourcePath(directory)))
      if (entry.is_regular_file() && entry.path().extension() == ".yaml")
        sweep(entry.path().string(), mutants, rejected);
  // The sweep must have exercised the error paths, not only loaded the originals.
  EXPECT_GT(mutants, 300);
  EXPECT_GT(rejected, mutants / 3);
  RecordProperty("mutants", mutants);
  RecordProperty("rejected", rejected);
}

}  // namespace
}  // namespace tsunagu::io
