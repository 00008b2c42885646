// The index's metadata keys (Xapian user metadata): its format version, its generation name and
// the reference data a searcher needs at query time, written by coop-index in every transaction.
// This is the one place that decides whether an index can be read: an index of another format
// is refused with a message saying how to rebuild it, never read half-right.
#ifndef COOP_INDEX_METADATA_H_
#define COOP_INDEX_METADATA_H_

#include <xapian.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace coop {

/// Metadata key of the index format version (decimal text, kFormatVersion).
inline constexpr std::string_view kFormatKey = "coop:format";
/// The format this build writes and reads. 2: records and passages store binary values
/// (coop/record_value.h, coop/passage_value.h), every record has its shingles, record docids lie
/// below schema::kPassageDocidBase, region names are in kRegionNamesKey. Indexes before it had
/// no kFormatKey (format 1: JSON document data, hit JSON and HTML summaries in value slots).
/// 3: every stored partner and mention has its role (coop::StoredPartner::role), records have
/// the role terms schema::kRole and schema::kActorRole and the role slot schema::kSlotRole, and
/// the actor facet and schema::kActorId terms cover mentions with an actor too (issue 15).
/// 4: records have the facets region_2015, region_1997 and foreign_region (terms
/// schema::kRegion2015, kRegion1997, kForeignRegion and their slots 12 to 14; issue 17).
/// 5: field weights: a record's title words have wdf schema::kTitleWdf per occurrence and its
/// headings' words schema::kHeadingExtraWdf more (issue 16); readable as 4, but ranked without
/// them, so it is rebuilt.
/// 6: records have the exact-run terms schema::kExactRun (weighted word pairs, ranking only;
/// issue 16); readable as 5, but ranked without them, so it is rebuilt.
/// 7: records have the date-order key schema::kSlotDateOrder, the order of sort=date without
/// query words on every layout, remote shards included (issue 19); a format 6 index has no such
/// slot (its records would come in no date order), so it is refused and rebuilt.
inline constexpr int kFormatVersion = 7;
/// Metadata key holding the generation name ("g000003") in each generation's database.
inline constexpr std::string_view kGenerationKey = "coop:generation";
/// Metadata key of the region names for query expansion (EncodePlaceNames).
inline constexpr std::string_view kRegionNamesKey = "coop:region_names";

/// The index has a format this build cannot read. what() says which and how to rebuild:
/// "index format 1, this build reads format 2: rebuild it with coop-index build CORPUS --index P".
class IndexFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The format version of `db` (1 if it has no kFormatKey, 0 if its value is not a number).
/// Throws Xapian::Error on I/O errors.
int FormatOf(const Xapian::Database& db);

/// Throws IndexFormatError naming `path` unless `db` (opened from `path`) has kFormatVersion.
/// An empty database (no documents, no format key: a fresh directory) passes. Thread-safe if
/// `db` is not shared.
void CheckFormat(const Xapian::Database& db, const std::string& path);

/// A place name a query may spell out, and the facet term of the records tagged with the place:
/// {"souss", "massa"} -> "XRGsouss-massa".
struct PlaceName {
  std::vector<std::string> terms;  ///< Its words as the analyzer gives them, compounds left out.
  std::string facet_term;          ///< Boolean term of the records tagged with it.
};

/// Encodes `names` for kRegionNamesKey: a varint count, then per name its facet term and its
/// terms (coop/packed.h). Thread-safe.
std::string EncodePlaceNames(const std::vector<PlaceName>& names);

/// Decodes a value of EncodePlaceNames. Throws IndexFormatError if it is malformed ("" decodes
/// to no names). Thread-safe.
std::vector<PlaceName> DecodePlaceNames(std::string_view value);

/// Metadata key of the coordinates of the city facet values (EncodePlacePoints), for the map of
/// issue 18: written from the gazetteer at index time so that searchd needs no reference data.
/// An index without it (written before it existed) has no coordinates: every place of its map is
/// counted as a place without coordinates.
inline constexpr std::string_view kPlacePointsKey = "coop:place_points";

/// Metadata key of the points of the regions (EncodePlacePoints, name = the region_2015 or
/// foreign_region facet value), for the map's region circles (issue 18): the records a region
/// places but no city with coordinates does. Only the regions of today's division (Morocco 2015,
/// France 2016, the Belgian regions, the Spanish communautés autonomes) have one; a region's point
/// is the mean of the coordinates of the gazetteer's communes in it, else its seat's. An index
/// without the key has no region circles.
inline constexpr std::string_view kRegionPointsKey = "coop:region_points";

/// Where a city facet value lies: the gazetteer's coordinates of the place of that name.
struct PlacePoint {
  std::string name;      ///< The city facet display value (coop::Place::name).
  std::string country;   ///< French country name, e.g. "Maroc", "France".
  double latitude = 0;   ///< WGS 84 degrees, north positive (-90..90).
  double longitude = 0;  ///< WGS 84 degrees, east positive (-180..180).
};

/// Encodes `points` for kPlacePointsKey: a varint count, then per point its name and country
/// (coop/packed.h strings) and its latitude and longitude in millionths of a degree (zigzag
/// varints: 0.11 m, finer than any source of the gazetteer). Thread-safe.
std::string EncodePlacePoints(const std::vector<PlacePoint>& points);

/// Decodes a value of EncodePlacePoints. Throws IndexFormatError if it is malformed or a
/// coordinate is out of range ("" decodes to no points). Thread-safe.
std::vector<PlacePoint> DecodePlacePoints(std::string_view value);

}  // namespace coop

#endif  // COOP_INDEX_METADATA_H_
