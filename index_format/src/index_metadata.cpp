#include "coop/index_metadata.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "coop/packed.h"

namespace coop {

int FormatOf(const Xapian::Database& db) {
  const std::string value = db.get_metadata(std::string(kFormatKey));
  if (value.empty()) return 1;
  int version = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
  return ec == std::errc() && end == value.data() + value.size() ? version : 0;
}

void CheckFormat(const Xapian::Database& db, const std::string& path) {
  const int format = FormatOf(db);
  if (format == kFormatVersion || (format == 1 && db.get_doccount() == 0)) return;
  throw IndexFormatError("index " + path + " has format " + std::to_string(format) +
                         ", this build reads format " + std::to_string(kFormatVersion) +
                         ": rebuild it with coop-index build CORPUS --index " + path);
}

std::string EncodePlaceNames(const std::vector<PlaceName>& names) {
  std::string out;
  packed::AppendVarint(out, names.size());
  for (const PlaceName& p : names) {
    packed::AppendString(out, p.facet_term);
    packed::AppendVarint(out, p.terms.size());
    for (const std::string& t : p.terms) packed::AppendString(out, t);
  }
  return out;
}

std::vector<PlaceName> DecodePlaceNames(std::string_view value) {
  std::vector<PlaceName> out;
  if (value.empty()) return out;
  const auto fail = [] { return IndexFormatError("malformed " + std::string(kRegionNamesKey)); };
  std::uint64_t n = 0;
  if (!packed::ReadVarint(value, n) || n > value.size()) throw fail();
  out.reserve(static_cast<std::size_t>(n));
  for (std::uint64_t i = 0; i < n; ++i) {
    PlaceName p;
    std::string_view s;
    std::uint64_t terms = 0;
    if (!packed::ReadString(value, s) || !packed::ReadVarint(value, terms) ||
        terms > value.size()) {
      throw fail();
    }
    p.facet_term = s;
    for (std::uint64_t t = 0; t < terms; ++t) {
      if (!packed::ReadString(value, s)) throw fail();
      p.terms.emplace_back(s);
    }
    out.push_back(std::move(p));
  }
  if (!value.empty()) throw fail();
  return out;
}

}  // namespace coop

namespace coop {
namespace {

constexpr double kMicrodegrees = 1e6;

std::uint64_t Zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

std::int64_t Unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

}  // namespace

std::string EncodePlacePoints(const std::vector<PlacePoint>& points) {
  std::string out;
  packed::AppendVarint(out, points.size());
  for (const PlacePoint& p : points) {
    packed::AppendString(out, p.name);
    packed::AppendString(out, p.country);
    packed::AppendVarint(out, Zigzag(std::llround(p.latitude * kMicrodegrees)));
    packed::AppendVarint(out, Zigzag(std::llround(p.longitude * kMicrodegrees)));
  }
  return out;
}

std::vector<PlacePoint> DecodePlacePoints(std::string_view value) {
  std::vector<PlacePoint> out;
  if (value.empty()) return out;
  const auto fail = [] { return IndexFormatError("malformed " + std::string(kPlacePointsKey)); };
  std::uint64_t n = 0;
  if (!packed::ReadVarint(value, n) || n > value.size()) throw fail();
  out.reserve(static_cast<std::size_t>(n));
  for (std::uint64_t i = 0; i < n; ++i) {
    std::string_view name, country;
    std::uint64_t lat = 0, lon = 0;
    if (!packed::ReadString(value, name) || !packed::ReadString(value, country) ||
        !packed::ReadVarint(value, lat) || !packed::ReadVarint(value, lon)) {
      throw fail();
    }
    PlacePoint p{std::string(name), std::string(country),
                 static_cast<double>(Unzigzag(lat)) / kMicrodegrees,
                 static_cast<double>(Unzigzag(lon)) / kMicrodegrees};
    if (std::abs(p.latitude) > 90 || std::abs(p.longitude) > 180) throw fail();
    out.push_back(std::move(p));
  }
  if (!value.empty()) throw fail();
  return out;
}

}  // namespace coop
