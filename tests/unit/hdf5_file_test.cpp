#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/io/results/hdf5_file.hpp"

namespace tsunagu::io {
namespace {

namespace fs = std::filesystem;

// A directory of its own per test, so tests running in parallel under ctest never collide.
class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/tsunagu-hdf5-XXXXXX";
    if (mkdtemp(name) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = name;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// The contents read back here and by tests/python/read_hdf5_roundtrip.py; change both together.
// Values are exact in float so the comparisons need no tolerance.
const std::string kScenario = "national-2030 東京";
const std::vector<std::string> kLinkNames = {"tokyo-osaka", "大阪-福岡", ""};
const std::vector<double> kCapacity = {100.0, 40.0, 10.5};
const std::vector<float> kPeak = {1.5f, 2.25f, -3.0f};
const std::vector<std::int64_t> kHops = {1, 2, -3, std::int64_t(1) << 40};
const std::vector<std::int32_t> kRegions = {7, -8, 9};
const std::vector<double> kUtilisation = {0.125, 0.25, 0.5, 0.75, 1.0, 0.0};          // 2 × 3
const std::vector<float> kHourlyLoad = {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23};  // 3 × 4

void writeFixture(const std::string& path) {
  Hdf5Writer writer = Hdf5Writer::create(path);
  writer.writeString("meta/scenario", kScenario);
  writer.writeStrings("links/names", kLinkNames);
  writer.writeVector("links/capacity", kCapacity);
  writer.setAttribute("links/capacity", "units", "Gbps");
  writer.writeVector("links/summary/peak", kPeak);
  writer.setAttribute("links/summary/peak", "units", "Gbps");
  writer.writeVector("links/hops", kHops);
  writer.writeVector("/links/region_id", kRegions);
  writer.writeMatrix("links/utilisation", kUtilisation.data(), 2, 3);
  writer.setAttribute("links/utilisation", "units", "1");
  writer.writeMatrix("hourly/load", kHourlyLoad.data(), 3, 4);
  writer.setAttribute("hourly/load", "units", "Gbps");
  writer.setAttribute("hourly", "start", "2030-01-01T00:00+09:00");
  writer.writeVector("empty/values", std::vector<double>{});
  writer.writeStrings("empty/names", {});
  writer.createGroup("notes");
  writer.setAttribute("notes", "text", "group with attributes only");
  writer.setAttribute("/", "schema_version", std::int64_t(1));
  writer.setAttribute("/", "peak_ratio", 1.25);
  writer.setAttribute("/", "link_count", kLinkNames.size());  // size_t goes through int64
  writer.commit();
}

std::vector<double> widen(const std::vector<float>& values) {
  return std::vector<double>(values.begin(), values.end());
}

TEST(Hdf5File, RoundTripsEveryType) {
  TempDir dir;
  std::string path = dir.file("results.h5");
  writeFixture(path);
  EXPECT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".partial"));

  Hdf5Reader reader = Hdf5Reader::open(path);
  EXPECT_EQ(reader.readString("meta/scenario"), kScenario);
  EXPECT_EQ(reader.readStrings("links/names"), kLinkNames);
  EXPECT_EQ(reader.readVector<double>("links/capacity"), kCapacity);
  EXPECT_EQ(reader.readVector<float>("links/summary/peak"), kPeak);
  EXPECT_EQ(reader.readVector<double>("/links/summary/peak"), widen(kPeak));
  EXPECT_EQ(reader.readVector<std::int64_t>("links/hops"), kHops);
  EXPECT_EQ(reader.readVector<std::int32_t>("links/region_id"), kRegions);
  EXPECT_EQ(reader.readVector<std::int64_t>("links/region_id"),
            std::vector<std::int64_t>(kRegions.begin(), kRegions.end()));

  auto utilisation = reader.readMatrix("links/utilisation");
  EXPECT_EQ(utilisation.rows, 2u);
  EXPECT_EQ(utilisation.cols, 3u);
  EXPECT_EQ(utilisation.values, kUtilisation);
  EXPECT_DOUBLE_EQ(utilisation.at(1, 0), 0.75);
  auto [rows, cols, load] = reader.readMatrix("hourly/load");
  EXPECT_EQ(rows, 3u);
  EXPECT_EQ(cols, 4u);
  EXPECT_EQ(load, widen(kHourlyLoad));

  EXPECT_TRUE(reader.readVector<double>("empty/values").empty());
  EXPECT_TRUE(reader.readStrings("empty/names").empty());

  EXPECT_EQ(reader.attributeString("links/capacity", "units"), "Gbps");
  EXPECT_EQ(reader.attributeString("links/summary/peak", "units"), "Gbps");
  EXPECT_EQ(reader.attributeString("hourly", "start"), "2030-01-01T00:00+09:00");
  EXPECT_EQ(reader.attributeString("notes", "text"), "group with attributes only");
  EXPECT_EQ(reader.attributeInt("/", "schema_version"), 1);
  EXPECT_EQ(reader.attributeInt("/", "link_count"), 3);
  EXPECT_EQ(reader.attributeDouble("/", "peak_ratio"), 1.25);
  EXPECT_EQ(reader.attributeDouble("/", "schema_version"), 1.0);

  EXPECT_TRUE(reader.exists("/"));
  EXPECT_TRUE(reader.exists("links"));
  EXPECT_TRUE(reader.exists("links/summary/peak"));
  EXPECT_TRUE(reader.exists("/links//summary/"));
  EXPECT_FALSE(reader.exists("links/missing"));
  EXPECT_FALSE(reader.exists("missing/deeper/still"));
  EXPECT_FALSE(reader.exists("links/capacity/below_a_dataset"));
}

TEST(Hdf5File, MissingAttributeIsEmptyButMissingObjectThrows) {
  TempDir dir;
  std::string path = dir.file("results.h5");
  writeFixture(path);
  Hdf5Reader reader = Hdf5Reader::open(path);
  EXPECT_EQ(reader.attributeString("links/capacity", "description"), std::nullopt);
  EXPECT_EQ(reader.attributeDouble("/", "nothing"), std::nullopt);
  EXPECT_THROW(reader.attributeString("links/nope", "units"), std::runtime_error);
  // Wrong types are errors, not silent conversions.
  EXPECT_THROW(reader.attributeInt("/", "peak_ratio"), std::runtime_error);
  EXPECT_THROW(reader.attributeDouble("links/capacity", "units"), std::runtime_error);
  EXPECT_THROW(reader.attributeString("/", "peak_ratio"), std::runtime_error);
}

TEST(Hdf5File, ReadErrorsNameTheFileAndObject) {
  TempDir dir;
  std::string path = dir.file("results.h5");
  writeFixture(path);
  Hdf5Reader reader = Hdf5Reader::open(path);
  try {
    reader.readVector<double>("links/nope");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("/links/nope"), std::string::npos) << e.what();
  }
  EXPECT_THROW(reader.readVector<std::int64_t>("links/capacity"), std::runtime_error);
  EXPECT_THROW(reader.readVector<std::int32_t>("links/hops"), std::runtime_error);
  EXPECT_THROW(reader.readVector<double>("links/utilisation"), std::runtime_error);
  EXPECT_THROW(reader.readMatrix("links/capacity"), std::runtime_error);
  EXPECT_THROW(reader.readVector<double>("links"), std::runtime_error);
  EXPECT_THROW(reader.readStrings("links/capacity"), std::runtime_error);
  EXPECT_THROW(reader.readString("links/names"), std::runtime_error);
}

TEST(Hdf5File, WriteErrorsNameTheObject) {
  TempDir dir;
  Hdf5Writer writer = Hdf5Writer::create(dir.file("results.h5"));
  writer.writeVector("links/capacity", kCapacity);
  try {
    writer.writeVector("links/capacity", kCapacity);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/links/capacity"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("already exists"), std::string::npos) << e.what();
  }
  EXPECT_THROW(writer.writeVector("links/capacity/under_dataset", kCapacity), std::runtime_error);
  EXPECT_THROW(writer.setAttribute("links/typo", "units", "Gbps"), std::runtime_error);
  EXPECT_THROW(writer.createGroup("links/capacity"), std::runtime_error);
  // The writer stays usable after a failed call.
  writer.setAttribute("links/capacity", "units", "Mbps");
  writer.setAttribute("links/capacity", "units", "Gbps");  // replaces
  writer.commit();
  EXPECT_THROW(writer.writeVector("late", kCapacity), std::logic_error);

  Hdf5Reader reader = Hdf5Reader::open(dir.file("results.h5"));
  EXPECT_EQ(reader.attributeString("links/capacity", "units"), "Gbps");
}

TEST(Hdf5File, WriterDestroyedWithoutCommitLeavesNoFile) {
  TempDir dir;
  std::string path = dir.file("results.h5");
  {
    Hdf5Writer writer = Hdf5Writer::create(path);
    writer.writeVector("links/capacity", kCapacity);
    EXPECT_TRUE(fs::exists(path + ".partial"));
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".partial"));

  // The same when an exception unwinds through the run.
  EXPECT_THROW(
      {
        Hdf5Writer writer = Hdf5Writer::create(path);
        writer.writeVector("links/capacity", kCapacity);
        throw std::runtime_error("simulation failed");
      },
      std::runtime_error);
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".partial"));
}

TEST(Hdf5File, FailedRunKeepsThePreviousResults) {
  TempDir dir;
  std::string path = dir.file("results.h5");
  writeFixture(path);
  {
    Hdf5Writer writer = Hdf5Writer::create(path);
    writer.writeVector("other", kCapacity);
  }
  Hdf5Reader reader = Hdf5Reader::open(path);
  EXPECT_EQ(reader.readVector<double>("links/capacity"), kCapacity);
  EXPECT_FALSE(reader.exists("other"));
}

TEST(Hdf5File, MovedWriterCommitsOnce) {
  TempDir dir;
  std::string path = dir.file("results.h5");
  Hdf5Writer first = Hdf5Writer::create(path);
  first.writeVector("links/capacity", kCapacity);
  Hdf5Writer second = std::move(first);
  EXPECT_THROW(first.commit(), std::logic_error);  // NOLINT(bugprone-use-after-move)
  second.commit();
  EXPECT_EQ(Hdf5Reader::open(path).readVector<double>("links/capacity"), kCapacity);
}

TEST(Hdf5File, CreatingInMissingDirectoryIsAnInputError) {
  TempDir dir;
  std::string path = dir.file("no/such/dir/results.h5");
  try {
    Hdf5Writer::create(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().file, path);
    EXPECT_EQ(e.keyPath(), "-o");
    EXPECT_NE(e.message().find("cannot create the results file"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("does not exist"), std::string::npos) << e.message();
  }
  EXPECT_FALSE(fs::exists(dir.file("no")));
}

TEST(Hdf5File, CreatingInReadOnlyDirectoryIsAnInputError) {
  TempDir dir;
  fs::create_directory(dir.file("locked"));
  fs::permissions(dir.file("locked"), fs::perms::owner_read | fs::perms::owner_exec);
  if (access(dir.file("locked").c_str(), W_OK) == 0) GTEST_SKIP() << "running as root";
  try {
    Hdf5Writer::create(dir.file("locked/results.h5"));
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("not writable"), std::string::npos) << e.message();
  }
}

TEST(Hdf5File, OpeningSomethingElseIsAnInputError) {
  TempDir dir;
  std::string text = dir.file("results.csv");
  std::ofstream(text) << "link,capacity\ntokyo-osaka,100\n";
  for (const std::string& path : {dir.file("missing.h5"), text}) {
    try {
      Hdf5Reader::open(path);
      FAIL() << "expected InputError for " << path;
    } catch (const InputError& e) {
      EXPECT_EQ(e.where().file, path);
      EXPECT_NE(e.message().find("not a tsunagu results file"), std::string::npos) << e.message();
    }
  }
}

TEST(Hdf5File, LargeMatrixIsChunkedAndCompressed) {
  // 300 links × 80,000 hours (about nine years) with a daily and a per-link pattern, like a real
  // hourly load series: highly repetitive, so the compressed file must be far below raw size.
  const size_t rows = 300;
  const size_t cols = 80000;
  std::vector<float> load(rows * cols);
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c) load[r * cols + c] = float(r % 17) * 2.5f + float(c % 24);
  std::vector<double> series(100000);
  for (size_t i = 0; i < series.size(); ++i) series[i] = double(i % 168) * 0.5;

  TempDir dir;
  std::string path = dir.file("large.h5");
  {
    Hdf5Writer writer = Hdf5Writer::create(path);
    writer.writeMatrix("hourly/load", load.data(), rows, cols);
    writer.setAttribute("hourly/load", "units", "Gbps");
    writer.writeVector("hourly/total", series);
    writer.commit();
  }
  auto rawBytes = rows * cols * sizeof(float) + series.size() * sizeof(double);
  auto fileBytes = fs::file_size(path);
  EXPECT_LT(fileBytes * 20, rawBytes) << "file " << fileBytes << " bytes, raw " << rawBytes;

  Hdf5Reader reader = Hdf5Reader::open(path);
  auto matrix = reader.readMatrix("hourly/load");
  ASSERT_EQ(matrix.rows, rows);
  ASSERT_EQ(matrix.cols, cols);
  EXPECT_EQ(matrix.values, widen(load));
  EXPECT_EQ(reader.readVector<double>("hourly/total"), series);
  EXPECT_EQ(reader.attributeString("hourly/load", "units"), "Gbps");
}

// Writes the fixture for tests/python/read_hdf5_roundtrip.py (ctest Hdf5.ReadableByH5py), which
// checks that h5py sees the same values, shapes, dtypes and units; skipped when run on its own.
TEST(Hdf5File, WritesFixtureForPython) {
  const char* target = std::getenv("TSUNAGU_HDF5_FIXTURE");
  if (target == nullptr || *target == '\0') GTEST_SKIP() << "TSUNAGU_HDF5_FIXTURE not set";
  writeFixture(target);
  EXPECT_TRUE(fs::exists(target));
}

}  // namespace
}  // namespace tsunagu::io
