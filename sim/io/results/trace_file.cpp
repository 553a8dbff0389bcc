#include "sim/io/results/trace_file.hpp"

#include <fmt/core.h>
#include <sstream>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "sim/io/input/csv_table.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/input_limits.hpp"
#include "sim/io/input/units.hpp"
#include "sim/io/results/hdf5_file.hpp"
#include "sim/io/results/output_target.hpp"

namespace tsunagu::io {

namespace fs = std::filesystem;

namespace {

bool isHdf5(const std::string& path) {
  return fs::path(path).extension() == ".h5";
}

std::string timeText(Date first, double seconds) {
  int day = int(std::floor(seconds / 86400.0));
  double rest = seconds - day * 86400.0;
  int h = int(rest / 3600), m = int(std::fmod(rest, 3600.0) / 60);
  double s = std::fmod(rest, 60.0);
  return fmt::format("{} {:02}:{:02}:{:06.3f}", first.plusDays(day).toString(), h, m, s);
}

// "YYYY-MM-DD HH:MM:SS[.fff]" -> (date, seconds into the day)
bool parseTime(const std::string& text, Date& date, double& seconds) {
  if (text.size() < 19 || text[10] != ' ' || text[13] != ':' || text[16] != ':') return false;
  auto d = Date::parse(text.substr(0, 10));
  if (!d) return false;
  for (size_t i : {11u, 12u, 14u, 15u, 17u, 18u})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  int h = std::stoi(text.substr(11, 2)), m = std::stoi(text.substr(14, 2));
  auto s = parseNumber(text.substr(17));
  if (!ok(s) || h > 23 || m > 59 || std::get<double>(s) >= 60) return false;
  date = *d;
  seconds = h * 3600.0 + m * 60.0 + std::get<double>(s);
  return true;
}

void writeCsv(const std::string& path, Date first, const std::vector<des::TraceArrival>& arrivals) {
  std::ostringstream out;
  out << "time,origin,service,request_bytes,response_bytes\n";
  auto size = [](double bytes) {
    return bytes >= 0 ? fmt::format("{:.0f}", bytes) : std::string();
  };
  for (const auto& a : arrivals)
    out << timeText(first, a.seconds) << ',' << a.origin << ',' << a.service << ','
        << size(a.requestBytes) << ',' << size(a.responseBytes) << '\n';
  writeFileAtomically(path, out.str(), "-o");
}

void writeHdf5(const std::string& path, Date first,
               const std::vector<des::TraceArrival>& arrivals) {
  Hdf5Writer out = Hdf5Writer::create(path);
  out.setAttribute("/", "format", std::string("tsunagu-trace"));
  out.setAttribute("/", "format_version", std::int64_t(1));
  std::vector<double> seconds, request, response;
  std::vector<std::string> origins, services;
  for (const auto& a : arrivals) {
    seconds.push_back(a.seconds);
    origins.push_back(a.origin);
    services.push_back(a.service);
    request.push_back(a.requestBytes);
    response.push_back(a.responseBytes);
  }
  out.writeVector("trace/seconds", seconds);
  out.setUnits("trace/seconds", "s");
  out.setAttribute("trace", "start", first.toString() + " 00:00:00");
  out.writeStrings("trace/origin", origins);
  out.writeStrings("trace/service", services);
  out.writeVector("trace/request_bytes", request);
  out.writeVector("trace/response_bytes", response);
  out.setUnits("trace/request_bytes", "B");
  out.setUnits("trace/response_bytes", "B");
  out.commit();
}

// A request or response of a trace is at most this large; the longest trace replayed.
constexpr double kMaxTraceBytes = 1e12;
constexpr int kMaxTraceDays = 366;

double optionalBytes(const CsvTable& table, const CsvTable::Row& row, const std::string& column) {
  const std::string& text = table.field(row, column);
  if (text.empty()) return -1;
  auto value = parseNumber(text);
  if (!ok(value) || std::get<double>(value) < 0 || std::get<double>(value) > kMaxTraceBytes)
    table.fail(row, column,
               "expected a number of bytes from 0 to 1e12 (or nothing, to draw it), got '" +
                   clipForMessage(text) + "'");
  return std::get<double>(value);
}

Trace readCsv(const std::string& path) {
  auto table =
      CsvTable::load(path, {"time", "origin", "service", "request_bytes", "response_bytes"});
  Trace trace;
  trace.file = path;
  std::vector<std::pair<Date, double>> times;
  for (const auto& row : table.rows()) {
    Date date;
    double seconds = 0;
    if (!parseTime(table.field(row, "time"), date, seconds))
      table.fail(row, "time",
                 "expected a time as YYYY-MM-DD HH:MM:SS[.fff] (Japan time), got '" +
                     clipForMessage(table.field(row, "time")) + "'");
    times.push_back({date, seconds});
    trace.arrivals.push_back({0, table.field(row, "origin"), table.field(row, "service"),
                              optionalBytes(table, row, "request_bytes"),
                              optionalBytes(table, row, "response_bytes")});
    trace.lines.push_back(row.line);
    trace.originColumns.push_back(table.where(row, "origin").column);
    trace.serviceColumns.push_back(table.where(row, "service").column);
  }
  if (times.empty()) throw InputError({path, 2, 1}, "", "the trace has no arrivals");
  trace.first = std::min_element(times.begin(), times.end())->first;
  Date last = std::max_element(times.begin(), times.end())->first;
  trace.days = (last - trace.first) + 1;
  if (trace.days > kMaxTraceDays) {
    auto latest = std::max_element(times.begin(), times.end()) - times.begin();
    table.fail(table.rows()[size_t(latest)], "time",
               "the trace spans " + std::to_string(trace.days) + " days, from " +
                   trace.first.toString() + "; a trace may span at most " +
                   std::to_string(kMaxTraceDays) + " days");
  }
  for (size_t i = 0; i < times.size(); ++i)
    trace.arrivals[i].seconds = double(times[i].first - trace.first) * 86400.0 + times[i].second;
  return trace;
}

Trace readHdf5(const std::string& path) {
  Hdf5Reader in = Hdf5Reader::open(path);
  if (in.attributeString("/", "format").value_or("") != "tsunagu-trace")
    throw InputError({path, 0, 0}, "",
                     "not a tsunagu trace file (no format attribute 'tsunagu-trace')");
  Trace trace;
  trace.file = path;
  std::string start = in.attributeString("trace", "start").value_or("");
  auto first = Date::parse(start.substr(0, 10));
  if (!first) throw InputError({path, 0, 0}, "trace", "the trace has no valid start attribute");
  trace.first = *first;
  // Shapes and ranges checked before use: the arrays index each other.
  auto seconds = in.readFiniteVector("trace/seconds", std::nullopt);
  size_t n = seconds.size();
  if (n == 0) throw InputError({path, 0, 0}, "", "'/trace/seconds': the trace has no arrivals");
  auto origins = in.readStrings("trace/origin", n);
  auto services = in.readStrings("trace/service", n);
  auto request = in.readFiniteVector("trace/request_bytes", n);
  auto response = in.readFiniteVector("trace/response_bytes", n);
  auto outside = [&](const std::vector<double>& values, double min, double max) {
    return std::find_if(values.begin(), values.end(),
                        [&](double v) { return v < min || v > max; }) != values.end();
  };
  if (outside(seconds, 0, kMaxTraceDays * 86400.0))
    throw InputError({path, 0, 0}, "",
                     "'/trace/seconds': expected seconds from 0 to " +
                         std::to_string(kMaxTraceDays) + " days after the start");
  for (const auto* sizes : {&request, &response})
    if (outside(*sizes, -1, kMaxTraceBytes) ||
        std::find_if(sizes->begin(), sizes->end(), [](double v) { return v < 0 && v != -1; }) !=
            sizes->end())
      throw InputError({path, 0, 0}, "",
                       std::string("'/trace/") + (sizes == &request ? "request" : "response") +
                           "_bytes': expected bytes from 0 to 1e12, or -1 to draw them");
  double last = 0;
  for (size_t i = 0; i < seconds.size(); ++i) {
    trace.arrivals.push_back(
        {seconds[i], origins.at(i), services.at(i), request.at(i), response.at(i)});
    trace.lines.push_back(0);
    trace.originColumns.push_back(0);
    trace.serviceColumns.push_back(0);
    last = std::max(last, seconds[i]);
  }
  trace.days = int(last / 86400.0) + 1;
  return trace;
}

}  // namespace

void writeTrace(const std::string& path, Date first,
                const std::vector<des::TraceArrival>& arrivals) {
  if (isHdf5(path))
    writeHdf5(path, first, arrivals);
  else
    writeCsv(path, first, arrivals);
}

Trace readTrace(const std::string& path) {
  Trace trace = isHdf5(path) ? readHdf5(path) : readCsv(path);
  std::vector<size_t> order(trace.arrivals.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return trace.arrivals[a].seconds < trace.arrivals[b].seconds;
  });
  Trace sorted = trace;
  for (size_t i = 0; i < order.size(); ++i) {
    sorted.arrivals[i] = trace.arrivals[order[i]];
    sorted.lines[i] = trace.lines[order[i]];
    sorted.originColumns[i] = trace.originColumns[order[i]];
    sorted.serviceColumns[i] = trace.serviceColumns[order[i]];
  }
  return sorted;
}

}  // namespace tsunagu::io
