#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/io/input/input_error.hpp"

namespace tsunagu::io {

namespace detail {
template <typename T>
concept NonBoolIntegral = std::integral<T> && !std::same_as<T, bool>;
}  // namespace detail

// Thin RAII layer over the HDF5 C API for results files. Object paths are slash-separated and
// relative to the file root ("links/summary/peak"; a leading "/" is accepted, "/" or "" is the
// root). hdf5.h stays out of this header so only hdf5_file.cpp needs the HDF5 include path.
//
// Failures inside HDF5 become std::runtime_error naming the file and the object path; only
// problems the user can fix from the command line (an output directory that is missing, an input
// that is not a results file) are InputError, so the CLI exits 2 for them.

// Builds the file in memory (HDF5's core driver) and, in commit(), writes it to
// `<finalPath>.partial` (created exclusively when the writer is made, so a bad path fails before
// any work) and renames that onto finalPath. A run that fails or returns early never leaves a
// truncated results file where a finished one is expected: without commit() the destructor
// deletes the partial file. HDF5 itself never writes to disk, so a full disk or an I/O error is
// one system call failing in commit(), reported with its reason, and never an HDF5 file left
// half-closed (which crashed the library at exit).
class Hdf5Writer {
 public:
  // Throws InputError({finalPath, 0, 0}, "-o", ...) when the file cannot be created.
  static Hdf5Writer create(const std::string& finalPath);

  Hdf5Writer(Hdf5Writer&& other) noexcept;
  Hdf5Writer& operator=(Hdf5Writer&& other) noexcept;
  Hdf5Writer(const Hdf5Writer&) = delete;
  Hdf5Writer& operator=(const Hdf5Writer&) = delete;
  ~Hdf5Writer();

  const std::string& finalPath() const { return finalPath_; }
  const std::string& partialPath() const { return partialPath_; }

  // Idempotent; the write* calls create missing parent groups themselves, so this is only needed
  // for a group that holds nothing but attributes.
  void createGroup(const std::string& path);

  // Numeric datasets. Above 64 Ki elements they are chunked and deflate-compressed (with shuffle):
  // hourly series repeat a lot and would otherwise dominate the file size. Writing to a path that
  // already exists throws.
  void writeVector(const std::string& path, const std::vector<double>& values);
  void writeVector(const std::string& path, const std::vector<float>& values);
  void writeVector(const std::string& path, const std::vector<std::int64_t>& values);
  void writeVector(const std::string& path, const std::vector<std::int32_t>& values);
  // Row-major rows × cols.
  void writeMatrix(const std::string& path, const float* data, std::size_t rows, std::size_t cols);
  void writeMatrix(const std::string& path, const double* data, std::size_t rows, std::size_t cols);
  void writeMatrix(const std::string& path, const std::int32_t* data, std::size_t rows,
                   std::size_t cols);
  // Variable-length UTF-8 strings (h5py returns bytes; `.asstr()` gives str).
  void writeStrings(const std::string& path, const std::vector<std::string>& values);
  void writeString(const std::string& path, const std::string& value);

  // On an existing group or dataset ("/" = root); replaces an attribute of the same name. Throws if
  // the object does not exist, because a silently created group would hide a misspelt dataset path.
  void setAttribute(const std::string& path, const std::string& name, double value);
  void setAttribute(const std::string& path, const std::string& name, std::int64_t value);
  void setAttribute(const std::string& path, const std::string& name, const std::string& value);
  // Other integer types (int, size_t counts) would be ambiguous between double and int64_t.
  template <detail::NonBoolIntegral T>
  void setAttribute(const std::string& path, const std::string& name, T value) {
    if (!std::in_range<std::int64_t>(value))
      throw std::out_of_range("attribute '" + name + "' on '" + path + "' exceeds int64");
    setAttribute(path, name, static_cast<std::int64_t>(value));
  }
  // The one place the "units" attribute name is spelt, so every dataset carries it the same way.
  void setUnits(const std::string& path, const std::string& units) {
    setAttribute(path, "units", units);
  }

  // Closes the file and renames it onto finalPath. Any later write throws.
  void commit();

 private:
  Hdf5Writer() = default;
  std::int64_t fileId() const;  // throws once committed or moved from
  void abandon() noexcept;

  std::string finalPath_;
  std::string partialPath_;
  std::int64_t file_ = -1;  // hid_t
  int partialFd_ = -1;      // the partial file, open for commit()
};

// Read side, for tests, analysis tools and commands that post-process a results file.
class Hdf5Reader {
 public:
  struct Matrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<double> values;  // row-major
    double at(std::size_t row, std::size_t col) const { return values[row * cols + col]; }
  };

  // Throws InputError({path, 0, 0}, "", "not a tsunagu results file (...)") when the file is
  // missing, unreadable or not HDF5.
  static Hdf5Reader open(const std::string& path);

  Hdf5Reader(Hdf5Reader&& other) noexcept;
  Hdf5Reader& operator=(Hdf5Reader&& other) noexcept;
  Hdf5Reader(const Hdf5Reader&) = delete;
  Hdf5Reader& operator=(const Hdf5Reader&) = delete;
  ~Hdf5Reader();

  const std::string& path() const { return path_; }
  bool exists(const std::string& path) const;

  // T is double, float, int64_t or int32_t. The dataset must be one-dimensional. Integers read
  // into floating point, but floating point never reads into an integer type, because that
  // would truncate silently.
  template <typename T>
  std::vector<T> readVector(const std::string& path) const;
  Matrix readMatrix(const std::string& path) const;  // two-dimensional, any numeric type
  std::vector<std::string> readStrings(const std::string& path) const;

  // What a results reader uses: the dataset as above, checked to have the shape the reader
  // expects (std::nullopt: any) and only finite values; an InputError names the dataset.
  std::vector<double> readFiniteVector(const std::string& path,
                                       std::optional<std::size_t> size) const;
  Matrix readFiniteMatrix(const std::string& path, std::optional<std::size_t> rows,
                          std::optional<std::size_t> cols) const;
  std::vector<std::string> readStrings(const std::string& path, std::size_t count) const;
  std::string readString(const std::string& path) const;  // scalar

  // std::nullopt when the object exists but has no such attribute; throws when the object itself
  // is missing (a wrong path is a bug, a missing attribute may be an older file) or the attribute
  // has another type. attributeDouble also accepts an integer attribute.
  std::optional<std::string> attributeString(const std::string& path,
                                             const std::string& name) const;
  std::optional<double> attributeDouble(const std::string& path, const std::string& name) const;
  std::optional<std::int64_t> attributeInt(const std::string& path, const std::string& name) const;

 private:
  Hdf5Reader() = default;

  std::string path_;
  std::int64_t file_ = -1;  // hid_t
};

extern template std::vector<double> Hdf5Reader::readVector<double>(const std::string&) const;
extern template std::vector<float> Hdf5Reader::readVector<float>(const std::string&) const;
extern template std::vector<std::int64_t> Hdf5Reader::readVector<std::int64_t>(
    const std::string&) const;
extern template std::vector<std::int32_t> Hdf5Reader::readVector<std::int32_t>(
    const std::string&) const;

}  // namespace tsunagu::io
