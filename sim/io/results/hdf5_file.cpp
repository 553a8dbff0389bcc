#include "sim/io/results/hdf5_file.hpp"

#include "sim/io/results/interrupts.hpp"
#include "sim/io/results/output_target.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <type_traits>

namespace tsunagu::io {

// The header keeps hid_t out of sight as int64_t; this breaks the build if HDF5 ever changes it.
static_assert(std::is_same_v<hid_t, std::int64_t>);

namespace {

namespace fs = std::filesystem;

// Small datasets stay contiguous: chunk indexing and filter headers would outweigh any saving.
constexpr hsize_t kChunkThreshold = 64 * 1024;
// One year of hours, so a link's hourly series for a year decompresses as a single chunk.
constexpr hsize_t kMaxChunkCols = 8760;
// ~64-128 KiB per chunk: large enough for deflate to find the repetition in hourly series, small
// enough to fit HDF5's default 1 MiB chunk cache several times over when h5py slices a row.
constexpr hsize_t kChunkTargetElements = 16 * 1024;
constexpr unsigned kDeflateLevel = 4;

void silenceHdf5() {
  // The library would otherwise print its whole error stack to stderr for every failed probe,
  // including the expected ones (H5Lexists on a missing parent); we report errors ourselves.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

// The innermost message on HDF5's error stack (the most specific one, e.g. "unable to open
// file: ... errno = 2"); clears the stack so the next failure does not report stale entries.
std::string hdf5Detail() {
  std::string detail;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned n, const H5E_error2_t* error, void* data) -> herr_t {
        if (n == 0 && error->desc != nullptr) *static_cast<std::string*>(data) = error->desc;
        return 0;
      },
      &detail);
  H5Eclear2(H5E_DEFAULT);
  // A failed read or write carries the system's reason inside a long description of the call
  // ("..., errno = 28, error message = 'No space left on device', buf = ..."): keep the reason.
  const std::string marker = "error message = '";
  if (size_t at = detail.find(marker); at != std::string::npos) {
    size_t end = detail.find('\'', at + marker.size());
    detail = detail.substr(at + marker.size(),
                           end == std::string::npos ? end : end - at - marker.size());
  }
  return detail;
}

class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, -1)), close_(other.close_) {}
  Handle& operator=(Handle&&) = delete;
  ~Handle() {
    if (id_ >= 0) close_(id_);
  }
  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_ = -1;
  Closer close_ = nullptr;
};

// Normalises to an absolute HDF5 name: "links//summary/" -> "/links/summary", "" -> "/".
std::string absolutePath(const std::string& path) {
  std::string out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = std::min(path.find('/', start), path.size());
    if (end > start) out.append("/").append(path, start, end - start);
    start = end + 1;
  }
  return out.empty() ? "/" : out;
}

// Where an operation happens, so every failure names both the file and the object.
class Context {
 public:
  // `userFile`: a file the user gave (a reader's), whose defects are bad input (exit 2), not
  // internal errors.
  Context(std::string file, const std::string& object, bool userFile = false)
      : file_(std::move(file)), object_(absolutePath(object)), userFile_(userFile) {}
  const std::string& object() const { return object_; }
  const char* name() const { return object_.c_str(); }

  [[noreturn]] void fail(const std::string& what) const {
    H5Eclear2(H5E_DEFAULT);
    if (userFile_) throw InputError({file_, 0, 0}, "", "'" + object_ + "': " + what);
    throw std::runtime_error(file_ + ": '" + object_ + "': " + what);
  }
  [[noreturn]] void failHdf5(const std::string& what) const {
    std::string detail = hdf5Detail();
    std::string message = what + (detail.empty() ? "" : " (HDF5: " + detail + ")");
    if (userFile_) throw InputError({file_, 0, 0}, "", "'" + object_ + "': " + message);
    throw std::runtime_error(file_ + ": '" + object_ + "': " + message);
  }
  Handle own(hid_t id, Handle::Closer close, const std::string& what) const {
    if (id < 0) failHdf5(what);
    return Handle(id, close);
  }
  void check(herr_t status, const std::string& what) const {
    if (status < 0) failHdf5(what);
  }

 private:
  std::string file_;
  std::string object_;
  bool userFile_ = false;
};

// False (not an error) for a missing intermediate group or a path running through a dataset.
bool objectExists(hid_t file, const std::string& absolute) {
  if (absolute == "/") return true;
  size_t slash = 0;
  do {
    slash = absolute.find('/', slash + 1);
    std::string prefix = absolute.substr(0, slash);
    if (H5Lexists(file, prefix.c_str(), H5P_DEFAULT) <= 0) {
      H5Eclear2(H5E_DEFAULT);
      return false;
    }
  } while (slash != std::string::npos);
  // A soft link can exist while its target does not.
  htri_t target = H5Oexists_by_name(file, absolute.c_str(), H5P_DEFAULT);
  H5Eclear2(H5E_DEFAULT);
  return target > 0;
}

Handle openObject(hid_t file, const Context& ctx, bool mustBeDataset) {
  if (!objectExists(file, ctx.object())) ctx.fail("no such object in the file");
  Handle object = ctx.own(H5Oopen(file, ctx.name(), H5P_DEFAULT), H5Oclose, "cannot open");
  if (mustBeDataset && H5Iget_type(object.get()) != H5I_DATASET)
    ctx.fail("is a group, not a dataset");
  return object;
}

Handle creationProps(hid_t propertyClass, const Context& ctx) {
  Handle props = ctx.own(H5Pcreate(propertyClass), H5Pclose, "cannot create property list");
  // Timestamps in object headers would make two runs of the same scenario differ byte for byte.
  ctx.check(H5Pset_obj_track_times(props.get(), false), "cannot disable time tracking");
  return props;
}

Handle linkProps(const Context& ctx) {
  Handle props = ctx.own(H5Pcreate(H5P_LINK_CREATE), H5Pclose, "cannot create link property list");
  ctx.check(H5Pset_create_intermediate_group(props.get(), 1), "cannot enable intermediate groups");
  // Names are stored as given; mark them UTF-8 so h5py decodes non-ASCII names correctly.
  ctx.check(H5Pset_char_encoding(props.get(), H5T_CSET_UTF8), "cannot set name encoding");
  return props;
}

Handle utf8StringType(const Context& ctx) {
  Handle type = ctx.own(H5Tcopy(H5T_C_S1), H5Tclose, "cannot create string type");
  ctx.check(H5Tset_size(type.get(), H5T_VARIABLE), "cannot create string type");
  ctx.check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "cannot create string type");
  return type;
}

Handle fileAccessProps(const Context& ctx) {
  Handle props = ctx.own(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "cannot create property list");
  // Closing the file then really closes it, even if an object id leaked: the rename in commit()
  // and the delete in the destructor must see a finished, released file.
  ctx.check(H5Pset_fclose_degree(props.get(), H5F_CLOSE_STRONG), "cannot set close degree");
  return props;
}

void writeDataset(hid_t file, const Context& ctx, hid_t fileType, hid_t memType, const void* data,
                  const std::vector<hsize_t>& dims) {
  if (ctx.object() == "/") ctx.fail("the root group cannot be a dataset");
  if (objectExists(file, ctx.object())) ctx.fail("already exists");
  Handle space = ctx.own(H5Screate_simple(int(dims.size()), dims.data(), nullptr), H5Sclose,
                         "cannot create the dataspace");
  Handle dcpl = creationProps(H5P_DATASET_CREATE, ctx);
  hsize_t total = 1;
  for (hsize_t d : dims) total *= d;
  if (total > kChunkThreshold) {
    // total > 0 here, so every chunk dimension is at least 1.
    std::vector<hsize_t> chunk(dims.size());
    if (dims.size() == 1) {
      chunk[0] = std::min(dims[0], kChunkTargetElements);
    } else {
      chunk[1] = std::min(dims[1], kMaxChunkCols);
      chunk[0] = std::clamp<hsize_t>(kChunkTargetElements / chunk[1], 1, dims[0]);
    }
    ctx.check(H5Pset_chunk(dcpl.get(), int(chunk.size()), chunk.data()), "cannot set chunking");
    // Shuffle groups the bytes of each value by significance, which is what lets deflate
    // compress slowly varying floating-point series.
    ctx.check(H5Pset_shuffle(dcpl.get()), "cannot enable the shuffle filter");
    ctx.check(H5Pset_deflate(dcpl.get(), kDeflateLevel), "cannot enable deflate");
  }
  Handle lcpl = linkProps(ctx);
  Handle dataset = ctx.own(
      H5Dcreate2(file, ctx.name(), fileType, space.get(), lcpl.get(), dcpl.get(), H5P_DEFAULT),
      H5Dclose, "cannot create the dataset");
  // HDF5 rejects a null buffer even for zero elements, and an empty vector's data() may be null.
  if (total > 0)
    ctx.check(H5Dwrite(dataset.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
              "cannot write the dataset");
}

void writeStringDataset(hid_t file, const Context& ctx, const std::vector<std::string>& values,
                        bool scalar) {
  if (ctx.object() == "/") ctx.fail("the root group cannot be a dataset");
  if (objectExists(file, ctx.object())) ctx.fail("already exists");
  hsize_t count = values.size();
  Handle space = scalar ? ctx.own(H5Screate(H5S_SCALAR), H5Sclose, "cannot create the dataspace")
                        : ctx.own(H5Screate_simple(1, &count, nullptr), H5Sclose,
                                  "cannot create the dataspace");
  Handle type = utf8StringType(ctx);
  Handle dcpl = creationProps(H5P_DATASET_CREATE, ctx);
  Handle lcpl = linkProps(ctx);
  Handle dataset = ctx.own(
      H5Dcreate2(file, ctx.name(), type.get(), space.get(), lcpl.get(), dcpl.get(), H5P_DEFAULT),
      H5Dclose, "cannot create the dataset");
  // Variable-length strings are written as C strings, so text after an embedded NUL is lost.
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& value : values) pointers.push_back(value.c_str());
  if (!pointers.empty())
    ctx.check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
              "cannot write the dataset");
}

void writeAttribute(hid_t file, const Context& ctx, const std::string& name, hid_t fileType,
                    hid_t memType, const void* value) {
  if (!objectExists(file, ctx.object()))
    ctx.fail("no such group or dataset to attach attribute '" + name + "' to");
  Handle object = ctx.own(H5Oopen(file, ctx.name(), H5P_DEFAULT), H5Oclose, "cannot open");
  htri_t present = H5Aexists(object.get(), name.c_str());
  if (present < 0) ctx.failHdf5("cannot look up attribute '" + name + "'");
  if (present > 0)
    ctx.check(H5Adelete(object.get(), name.c_str()), "cannot replace attribute '" + name + "'");
  Handle space = ctx.own(H5Screate(H5S_SCALAR), H5Sclose, "cannot create the dataspace");
  Handle attribute = ctx.own(
      H5Acreate2(object.get(), name.c_str(), fileType, space.get(), H5P_DEFAULT, H5P_DEFAULT),
      H5Aclose, "cannot create attribute '" + name + "'");
  ctx.check(H5Awrite(attribute.get(), memType, value), "cannot write attribute '" + name + "'");
}

// A dataset a reader would allocate: a crafted file may claim 10^12 elements.
void checkElementCount(const std::vector<hsize_t>& dims, const Context& ctx) {
  constexpr double kMaxElements = 1 << 28;
  double count = 1;
  for (hsize_t d : dims) count *= double(d);
  if (count > kMaxElements)
    ctx.fail(fmt::format("holds {:.0f} values; a results dataset has at most {:.0f}", count,
                         kMaxElements));
}

std::vector<hsize_t> extent(hid_t dataset, const Context& ctx) {
  Handle space = ctx.own(H5Dget_space(dataset), H5Sclose, "cannot read the dataspace");
  int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) ctx.failHdf5("cannot read the dataspace");
  std::vector<hsize_t> dims(size_t(rank), 0);
  if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0)
    ctx.failHdf5("cannot read the dataspace");
  return dims;
}

template <typename T>
hid_t nativeType() {
  if constexpr (std::is_same_v<T, double>) {
    return H5T_NATIVE_DOUBLE;
  } else if constexpr (std::is_same_v<T, float>) {
    return H5T_NATIVE_FLOAT;
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return H5T_NATIVE_INT64;
  } else {
    static_assert(std::is_same_v<T, std::int32_t>, "unsupported element type");
    return H5T_NATIVE_INT32;
  }
}

// HDF5 converts between numeric types on read but clips or truncates without telling anyone;
// refuse the conversions that can lose more than floating-point precision.
template <typename T>
void requireReadableAs(hid_t type, const Context& ctx, const std::string& what) {
  H5T_class_t typeClass = H5Tget_class(type);
  if (typeClass != H5T_INTEGER && typeClass != H5T_FLOAT) ctx.fail(what + " is not numeric");
  if constexpr (std::is_integral_v<T>) {
    if (typeClass == H5T_FLOAT) ctx.fail(what + " holds floating-point values, not integers");
    size_t size = H5Tget_size(type);
    bool isUnsigned = H5Tget_sign(type) == H5T_SGN_NONE;
    if (size > sizeof(T) || (isUnsigned && size == sizeof(T)))
      ctx.fail(what + " holds " + (isUnsigned ? "unsigned " : "") + std::to_string(size * 8) +
               "-bit integers, which may not fit in " + std::to_string(sizeof(T) * 8) + " bits");
  }
}

// Reads `count` strings, fixed-length or variable-length, through `read(memType, buffer)`; shared
// by string datasets and string attributes.
template <typename Read>
std::vector<std::string> readStringData(hid_t fileType, hid_t space, size_t count,
                                        const Context& ctx, const std::string& what, Read read) {
  if (H5Tget_class(fileType) != H5T_STRING) ctx.fail(what + " does not hold strings");
  // A copy of the stored type keeps its character set; HDF5 does not convert between sets.
  Handle memType = ctx.own(H5Tcopy(fileType), H5Tclose, "cannot copy the string type");
  std::vector<std::string> values;
  values.reserve(count);
  if (count == 0) return values;
  htri_t variable = H5Tis_variable_str(fileType);
  if (variable < 0) ctx.failHdf5("cannot inspect the string type of " + what);
  if (variable > 0) {
    std::vector<char*> pointers(count, nullptr);
    // The library allocates every string; free them even if the read fails part way or copying
    // throws (null entries are skipped).
    struct Reclaim {
      hid_t type, space;
      std::vector<char*>& pointers;
      ~Reclaim() {
#if H5_VERSION_GE(1, 12, 0)
        H5Treclaim(type, space, H5P_DEFAULT, pointers.data());
#else
        H5Dvlen_reclaim(type, space, H5P_DEFAULT, pointers.data());
#endif
      }
    } reclaim{memType.get(), space, pointers};
    ctx.check(read(memType.get(), pointers.data()), "cannot read " + what);
    for (const char* text : pointers) values.emplace_back(text == nullptr ? "" : text);
    return values;
  }
  size_t width = H5Tget_size(fileType);
  bool spacePadded = H5Tget_strpad(fileType) == H5T_STR_SPACEPAD;
  std::vector<char> buffer(count * width);
  ctx.check(read(memType.get(), buffer.data()), "cannot read " + what);
  for (size_t i = 0; i < count; ++i) {
    const char* text = buffer.data() + i * width;
    std::string value(text, strnlen(text, width));
    if (spacePadded) value.erase(value.find_last_not_of(' ') + 1);
    values.push_back(std::move(value));
  }
  return values;
}

std::vector<std::string> readStringDataset(hid_t file, const Context& ctx, size_t rank) {
  Handle dataset = openObject(file, ctx, true);
  std::vector<hsize_t> dims = extent(dataset.get(), ctx);
  if (dims.size() != rank)
    ctx.fail(rank == 0
                 ? "expected a scalar string, found " + std::to_string(dims.size()) + " dimensions"
                 : "expected a one-dimensional dataset, found " + std::to_string(dims.size()) +
                       " dimensions");
  Handle type = ctx.own(H5Dget_type(dataset.get()), H5Tclose, "cannot read the datatype");
  Handle space = ctx.own(H5Dget_space(dataset.get()), H5Sclose, "cannot read the dataspace");
  size_t count = rank == 0 ? 1 : size_t(dims[0]);
  return readStringData(
      type.get(), space.get(), count, ctx, "the dataset", [&](hid_t memType, void* buffer) {
        return H5Dread(dataset.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
      });
}

// An invalid Handle when the object has no such attribute.
Handle openAttribute(hid_t file, const Context& ctx, const std::string& name) {
  Handle object = openObject(file, ctx, false);
  htri_t present = H5Aexists(object.get(), name.c_str());
  if (present < 0) ctx.failHdf5("cannot look up attribute '" + name + "'");
  if (present == 0) return Handle();
  Handle attribute = ctx.own(H5Aopen(object.get(), name.c_str(), H5P_DEFAULT), H5Aclose,
                             "cannot open attribute '" + name + "'");
  Handle space = ctx.own(H5Aget_space(attribute.get()), H5Sclose, "cannot read the dataspace");
  if (H5Sget_simple_extent_npoints(space.get()) != 1)
    ctx.fail("attribute '" + name + "' is not a single value");
  return attribute;
}

template <typename T>
std::optional<T> readNumericAttribute(hid_t file, const Context& ctx, const std::string& name) {
  Handle attribute = openAttribute(file, ctx, name);
  if (!attribute.valid()) return std::nullopt;
  Handle type = ctx.own(H5Aget_type(attribute.get()), H5Tclose, "cannot read the datatype");
  requireReadableAs<T>(type.get(), ctx, "attribute '" + name + "'");
  T value{};
  ctx.check(H5Aread(attribute.get(), nativeType<T>(), &value),
            "cannot read attribute '" + name + "'");
  return value;
}

std::string cannotCreateReason(const std::string& finalPath, const std::string& detail) {
  fs::path directory = fs::path(finalPath).parent_path();
  if (directory.empty()) directory = ".";
  std::error_code ec;
  if (!fs::exists(directory, ec)) return "directory '" + directory.string() + "' does not exist";
  if (!fs::is_directory(directory, ec)) return "'" + directory.string() + "' is not a directory";
  if (access(directory.c_str(), W_OK | X_OK) != 0)
    return "directory '" + directory.string() + "' is not writable";
  return detail.empty() ? "HDF5 could not create it" : "HDF5: " + detail;
}

}  // namespace

// ---- Hdf5Writer ----

Hdf5Writer Hdf5Writer::create(const std::string& finalPath) {
  silenceHdf5();
  checkOutputTarget(finalPath, "-o");
  Hdf5Writer writer;
  writer.finalPath_ = finalPath;
  writer.partialPath_ = preparePartial(finalPath, "-o");
  // Exclusive: O_CREAT|O_EXCL never follows a link planted at the partial path.
  writer.partialFd_ = ::open(writer.partialPath_.c_str(),
                             O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (writer.partialFd_ < 0) {
    std::string reason = std::strerror(errno);
    forgetPartialFile(writer.partialPath_);
    throw InputError(
        {finalPath, 0, 0}, "-o",
        "cannot create the results file (" + cannotCreateReason(finalPath, reason) + ")");
  }
  Context ctx(writer.partialPath_, "/");
  Handle fcpl = creationProps(H5P_FILE_CREATE, ctx);
  Handle fapl = fileAccessProps(ctx);
  // In memory, without a backing store: the core driver then never opens the name on disk.
  ctx.check(H5Pset_fapl_core(fapl.get(), 1 << 20, false), "cannot select the in-memory driver");
  hid_t file = H5Fcreate(writer.partialPath_.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get());
  if (file < 0) ctx.failHdf5("cannot create the results file in memory");
  writer.file_ = file;
  return writer;
}

Hdf5Writer::Hdf5Writer(Hdf5Writer&& other) noexcept
    : finalPath_(std::move(other.finalPath_)),
      partialPath_(std::move(other.partialPath_)),
      file_(std::exchange(other.file_, -1)),
      partialFd_(std::exchange(other.partialFd_, -1)) {}

Hdf5Writer& Hdf5Writer::operator=(Hdf5Writer&& other) noexcept {
  if (this != &other) {
    abandon();
    finalPath_ = std::move(other.finalPath_);
    partialPath_ = std::move(other.partialPath_);
    file_ = std::exchange(other.file_, -1);
    partialFd_ = std::exchange(other.partialFd_, -1);
  }
  return *this;
}

Hdf5Writer::~Hdf5Writer() {
  abandon();
}

void Hdf5Writer::abandon() noexcept {
  if (file_ < 0 && partialFd_ < 0) return;
  if (file_ >= 0) H5Fclose(file_);
  file_ = -1;
  if (partialFd_ >= 0) ::close(partialFd_);
  partialFd_ = -1;
  ::unlink(partialPath_.c_str());
  forgetPartialFile(partialPath_);
  H5Eclear2(H5E_DEFAULT);
}

std::int64_t Hdf5Writer::fileId() const {
  if (file_ < 0)
    throw std::logic_error(finalPath_ + ": the results file was already committed or moved from");
  return file_;
}

void Hdf5Writer::createGroup(const std::string& path) {
  hid_t file = fileId();
  Context ctx(partialPath_, path);
  if (objectExists(file, ctx.object())) {
    Handle object = openObject(file, ctx, false);
    if (H5Iget_type(object.get()) != H5I_GROUP) ctx.fail("exists and is not a group");
    return;
  }
  Handle lcpl = linkProps(ctx);
  Handle gcpl = creationProps(H5P_GROUP_CREATE, ctx);
  ctx.own(H5Gcreate2(file, ctx.name(), lcpl.get(), gcpl.get(), H5P_DEFAULT), H5Gclose,
          "cannot create the group");
}

void Hdf5Writer::writeVector(const std::string& path, const std::vector<double>& values) {
  writeDataset(fileId(), Context(partialPath_, path), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
               values.data(), {values.size()});
}

void Hdf5Writer::writeVector(const std::string& path, const std::vector<float>& values) {
  writeDataset(fileId(), Context(partialPath_, path), H5T_IEEE_F32LE, H5T_NATIVE_FLOAT,
               values.data(), {values.size()});
}

void Hdf5Writer::writeVector(const std::string& path, const std::vector<std::int64_t>& values) {
  writeDataset(fileId(), Context(partialPath_, path), H5T_STD_I64LE, H5T_NATIVE_INT64,
               values.data(), {values.size()});
}

void Hdf5Writer::writeVector(const std::string& path, const std::vector<std::int32_t>& values) {
  writeDataset(fileId(), Context(partialPath_, path), H5T_STD_I32LE, H5T_NATIVE_INT32,
               values.data(), {values.size()});
}

void Hdf5Writer::writeMatrix(const std::string& path, const float* data, std::size_t rows,
                             std::size_t cols) {
  writeDataset(fileId(), Context(partialPath_, path), H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, data,
               {rows, cols});
}

void Hdf5Writer::writeMatrix(const std::string& path, const double* data, std::size_t rows,
                             std::size_t cols) {
  writeDataset(fileId(), Context(partialPath_, path), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, data,
               {rows, cols});
}

void Hdf5Writer::writeMatrix(const std::string& path, const std::int32_t* data, std::size_t rows,
                             std::size_t cols) {
  writeDataset(fileId(), Context(partialPath_, path), H5T_STD_I32LE, H5T_NATIVE_INT32, data,
               {rows, cols});
}

void Hdf5Writer::writeStrings(const std::string& path, const std::vector<std::string>& values) {
  writeStringDataset(fileId(), Context(partialPath_, path), values, false);
}

void Hdf5Writer::writeString(const std::string& path, const std::string& value) {
  writeStringDataset(fileId(), Context(partialPath_, path), {value}, true);
}

void Hdf5Writer::setAttribute(const std::string& path, const std::string& name, double value) {
  writeAttribute(fileId(), Context(partialPath_, path), name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                 &value);
}

void Hdf5Writer::setAttribute(const std::string& path, const std::string& name,
                              std::int64_t value) {
  writeAttribute(fileId(), Context(partialPath_, path), name, H5T_STD_I64LE, H5T_NATIVE_INT64,
                 &value);
}

void Hdf5Writer::setAttribute(const std::string& path, const std::string& name,
                              const std::string& value) {
  Context ctx(partialPath_, path);
  Handle type = utf8StringType(ctx);
  const char* text = value.c_str();
  writeAttribute(fileId(), ctx, name, type.get(), type.get(), &text);
}

void Hdf5Writer::commit() {
  hid_t file = fileId();
  Context ctx(partialPath_, "/");
  ctx.check(H5Fflush(file, H5F_SCOPE_GLOBAL), "cannot finish the results file");
  ssize_t size = H5Fget_file_image(file, nullptr, 0);
  if (size < 0) ctx.failHdf5("cannot finish the results file");
  std::vector<char> image(static_cast<size_t>(size));
  if (H5Fget_file_image(file, image.data(), image.size()) != size)
    ctx.failHdf5("cannot finish the results file");
  file_ = -1;
  if (H5Fclose(file) < 0) ctx.failHdf5("cannot close the results file");
  // From here on only the disk can fail: a full disk, an I/O error, a directory removed.
  auto failed = [&](const char* doing, int error) {
    abandon();
    throw InputError({finalPath_, 0, 0}, "-o",
                     std::string("cannot ") + doing + " the results file: " + std::strerror(error) +
                         "; nothing was written");
  };
  for (size_t done = 0; done < image.size();) {
    ssize_t n = ::write(partialFd_, image.data() + done, image.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failed("write", errno);
    done += size_t(n);
  }
  int fd = std::exchange(partialFd_, -1);
  if (::close(fd) != 0) failed("write", errno);
  if (::rename(partialPath_.c_str(), finalPath_.c_str()) != 0) failed("move into place", errno);
  forgetPartialFile(partialPath_);
}

// ---- Hdf5Reader ----

Hdf5Reader Hdf5Reader::open(const std::string& path) {
  silenceHdf5();
  auto notResults = [&](const std::string& why) {
    return InputError({path, 0, 0}, "", "not a tsunagu results file (" + why + ")");
  };
  std::error_code ec;
  if (!fs::exists(path, ec)) throw notResults("the file does not exist");
  if (fs::is_directory(path, ec)) throw notResults("it is a directory");
#if H5_VERSION_GE(1, 12, 0)
  htri_t isHdf5 = H5Fis_accessible(path.c_str(), H5P_DEFAULT);
#else
  htri_t isHdf5 = H5Fis_hdf5(path.c_str());
#endif
  if (isHdf5 == 0) throw notResults("not an HDF5 file");
  if (isHdf5 < 0) throw notResults("cannot read it: " + hdf5Detail());
  Context ctx(path, "/");
  Handle fapl = fileAccessProps(ctx);
  hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get());
  if (file < 0) throw notResults("cannot open it: " + hdf5Detail());
  Hdf5Reader reader;
  reader.path_ = path;
  reader.file_ = file;
  return reader;
}

Hdf5Reader::Hdf5Reader(Hdf5Reader&& other) noexcept
    : path_(std::move(other.path_)), file_(std::exchange(other.file_, -1)) {}

Hdf5Reader& Hdf5Reader::operator=(Hdf5Reader&& other) noexcept {
  if (this != &other) {
    if (file_ >= 0) H5Fclose(file_);
    path_ = std::move(other.path_);
    file_ = std::exchange(other.file_, -1);
  }
  return *this;
}

Hdf5Reader::~Hdf5Reader() {
  if (file_ >= 0) H5Fclose(file_);
}

bool Hdf5Reader::exists(const std::string& path) const {
  return objectExists(file_, absolutePath(path));
}

template <typename T>
std::vector<T> Hdf5Reader::readVector(const std::string& path) const {
  Context ctx(path_, path, true);
  Handle dataset = openObject(file_, ctx, true);
  Handle type = ctx.own(H5Dget_type(dataset.get()), H5Tclose, "cannot read the datatype");
  requireReadableAs<T>(type.get(), ctx, "the dataset");
  std::vector<hsize_t> dims = extent(dataset.get(), ctx);
  if (dims.size() != 1)
    ctx.fail("expected a one-dimensional dataset, found " + std::to_string(dims.size()) +
             " dimensions");
  checkElementCount(dims, ctx);
  std::vector<T> values(dims[0]);
  if (!values.empty())
    ctx.check(H5Dread(dataset.get(), nativeType<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
              "cannot read the dataset");
  return values;
}

template std::vector<double> Hdf5Reader::readVector<double>(const std::string&) const;
template std::vector<float> Hdf5Reader::readVector<float>(const std::string&) const;
template std::vector<std::int64_t> Hdf5Reader::readVector<std::int64_t>(const std::string&) const;
template std::vector<std::int32_t> Hdf5Reader::readVector<std::int32_t>(const std::string&) const;

Hdf5Reader::Matrix Hdf5Reader::readMatrix(const std::string& path) const {
  Context ctx(path_, path, true);
  Handle dataset = openObject(file_, ctx, true);
  Handle type = ctx.own(H5Dget_type(dataset.get()), H5Tclose, "cannot read the datatype");
  requireReadableAs<double>(type.get(), ctx, "the dataset");
  std::vector<hsize_t> dims = extent(dataset.get(), ctx);
  if (dims.size() != 2)
    ctx.fail("expected a two-dimensional dataset, found " + std::to_string(dims.size()) +
             " dimensions");
  checkElementCount(dims, ctx);
  Matrix matrix;
  matrix.rows = dims[0];
  matrix.cols = dims[1];
  matrix.values.resize(matrix.rows * matrix.cols);
  if (!matrix.values.empty())
    ctx.check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                      matrix.values.data()),
              "cannot read the dataset");
  return matrix;
}

std::vector<std::string> Hdf5Reader::readStrings(const std::string& path) const {
  return readStringDataset(file_, Context(path_, path, true), 1);
}

std::string Hdf5Reader::readString(const std::string& path) const {
  return readStringDataset(file_, Context(path_, path, true), 0).front();
}

std::optional<std::string> Hdf5Reader::attributeString(const std::string& path,
                                                       const std::string& name) const {
  Context ctx(path_, path, true);
  Handle attribute = openAttribute(file_, ctx, name);
  if (!attribute.valid()) return std::nullopt;
  Handle type = ctx.own(H5Aget_type(attribute.get()), H5Tclose, "cannot read the datatype");
  Handle space = ctx.own(H5Aget_space(attribute.get()), H5Sclose, "cannot read the dataspace");
  return readStringData(
             type.get(), space.get(), 1, ctx, "attribute '" + name + "'",
             [&](hid_t memType, void* buffer) { return H5Aread(attribute.get(), memType, buffer); })
      .front();
}

std::optional<double> Hdf5Reader::attributeDouble(const std::string& path,
                                                  const std::string& name) const {
  return readNumericAttribute<double>(file_, Context(path_, path, true), name);
}

std::optional<std::int64_t> Hdf5Reader::attributeInt(const std::string& path,
                                                     const std::string& name) const {
  return readNumericAttribute<std::int64_t>(file_, Context(path_, path, true), name);
}

namespace {

[[noreturn]] void badDataset(const std::string& file, const std::string& path,
                             const std::string& what) {
  throw InputError({file, 0, 0}, "", "'" + absolutePath(path) + "': " + what);
}

template <typename Values>
void requireFinite(const Values& values, const std::string& file, const std::string& path) {
  for (size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i]))
      badDataset(
          file, path,
          fmt::format("value {} is {}; a results file holds only finite numbers", i, values[i]));
}

}  // namespace

std::vector<double> Hdf5Reader::readFiniteVector(const std::string& path,
                                                 std::optional<std::size_t> size) const {
  auto values = readVector<double>(path);
  if (size && values.size() != *size)
    badDataset(path_, path, fmt::format("expected {} values, found {}", *size, values.size()));
  requireFinite(values, path_, path);
  return values;
}

Hdf5Reader::Matrix Hdf5Reader::readFiniteMatrix(const std::string& path,
                                                std::optional<std::size_t> rows,
                                                std::optional<std::size_t> cols) const {
  Matrix matrix = readMatrix(path);
  if ((rows && matrix.rows != *rows) || (cols && matrix.cols != *cols))
    badDataset(
        path_, path,
        fmt::format("expected {} × {} values, found {} × {}",
                    rows ? std::to_string(*rows) : std::string("any"),
                    cols ? std::to_string(*cols) : std::string("any"), matrix.rows, matrix.cols));
  requireFinite(matrix.values, path_, path);
  return matrix;
}

std::vector<std::string> Hdf5Reader::readStrings(const std::string& path, std::size_t count) const {
  auto values = readStrings(path);
  if (values.size() != count)
    badDataset(path_, path, fmt::format("expected {} names, found {}", count, values.size()));
  return values;
}

}  // namespace tsunagu::io
