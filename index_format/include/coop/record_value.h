// What a record document stores (its Xapian document data): the record's fields as the API
// shows them, in a binary layout (coop/packed.h), written by the indexer and read by searchd.
// Nothing here is JSON or HTML: the HTTP layer writes those.
//
// Layout: a format byte (kRecordValueFormat), then the fields in the order of StoredRecord;
// strings are varint length + bytes, integers varints, lists a varint count then the items,
// amounts IEEE 754 doubles (8 bytes, little-endian).
#ifndef COOP_RECORD_VALUE_H_
#define COOP_RECORD_VALUE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace coop {

/// A partner or mentioned actor of a stored record (see coop::Partner for the meanings).
struct StoredPartner {
  std::string name;        ///< As written in the source.
  std::string country;     ///< French country name, e.g. "Maroc".
  std::string actor_id;    ///< Actor list id, or empty.
  std::string actor_name;  ///< Normalised actor name, or empty.
  std::string actor_type;  ///< Actor type, or empty.
  std::string role;        ///< "partner", "funder", "operator", "network"; empty for a place.
};

/// An amount a record states: `amount` in `currency` (ISO 4217) for `funds` (may be empty).
struct StoredBudget {
  double amount = 0;
  std::string currency;
  std::string funds;
};

/// The stored fields of a record (coop::Record without its passages' text; see corpus.h for
/// the meaning of each). Facet display values are also in value slots (schema.h), for counting.
struct StoredRecord {
  std::string id, kind, title, source, publisher, date;
  std::vector<StoredPartner> partners, mentions;
  std::vector<std::string> countries, cities, provinces, regions, regions_pre2015, foreign_regions,
      domains;
  std::string domains_text;
  std::vector<std::string> annex_domains;
  std::string legal_framework;
  std::vector<int> years;
  std::vector<StoredBudget> budgets;
  std::size_t begin = 0, end = 0;  ///< Byte offsets of the record in its source text.
  std::size_t passages = 0;        ///< Number of its passages.
  std::string summary;  ///< Plain text shown for the record when browsing: the start of its
                        ///< first passage (at most 240 bytes, cut on a character boundary).
};

/// 2: partners and mentions carry their role (index format 3).
inline constexpr char kRecordValueFormat = 2;

/// Encodes `r` as a record document's data. Thread-safe; throws only std::bad_alloc.
std::string EncodeRecord(const StoredRecord& r);

/// Decodes a record document's data. Throws IndexFormatError (coop/index_metadata.h) if it is
/// not a record value of this format. Thread-safe.
StoredRecord DecodeRecord(std::string_view data);

}  // namespace coop

#endif  // COOP_RECORD_VALUE_H_
