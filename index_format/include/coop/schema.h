// The index schema: the one place that defines term prefixes, value slots, stored values and the
// docid layout, in the index format library (coop_index) that the indexer (writer) and searchd
// (reader) both link. docs/SCHEMA.md shows it as a table.
//
// Two types of Xapian document live in one database:
//   record  — one partnership or document part; carries its stored fields (document data,
//             coop/record_value.h), boolean filter terms, facet values and the text terms of all
//             its passages: search ranks and counts records only.
//   passage — a paragraph-to-section chunk of a record's text; carries its own text terms
//             (without positions: phrases are matched on records), its record's id (XR term,
//             and value slot kSlotRecordId), its source term and its stored fields (value slot
//             kSlotPassage, coop/passage_value.h; no document data). No filter terms or facets.
// Prefix conventions follow Xapian's (single capital letter for standard fields, X + capitals for
// project fields; see https://xapian.org/docs/omega/termprefixes.html).
#ifndef COOP_SCHEMA_H_
#define COOP_SCHEMA_H_

#include <xapian.h>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "coop/analyzer.h"  // kMaxTermBytes, Xapian's limit on a term's length

namespace coop::schema {

// --- Term prefixes -------------------------------------------------------------------------
/// Free-text word terms have no prefix: the folded, unelided word; with positions on records
/// (phrases), without on passages.
/// Stemmed terms (Snowball French), no positions. Xapian's own convention for stems.
inline constexpr std::string_view kStem = "Z";
/// Unique id term of every document: "Q" + record id or passage id. Used to replace/delete.
inline constexpr std::string_view kId = "Q";
/// Shingles (Lucene's term for word n-grams), on records only, boolean (no positions, wdf 0, so
/// BM25 lengths are unchanged): "XW" + a word term + " " + the word term at the next position,
/// for every such pair of a record's tokens (hyphenated compounds pair with the tokens after
/// their first part, as positions do). A
/// two-word phrase matches exactly the records of its shingle, so it is counted from one
/// posting list instead of position lists (Elasticsearch's `index_phrases` does the same). Pairs
/// longer than kMaxTermBytes are not indexed. Every record of an index of the current format
/// (coop/index_metadata.h) has them.
inline constexpr std::string_view kShingle = "XW";
/// Exact runs (format 6), on records only: "XV" + a word term + " " + the word term at the next
/// position, for the pairs of kShingle whose two tokens are content words (neither a stopword
/// nor a number), as a weighted term (wdf: the pair's occurrences, times kTitleWdf in the
/// title). The shingle only filters; the exact run is what ranking reads: BM25 weighs it as a
/// term (its rarity, its count in the record), so a record that writes the query's words side
/// by side, in the forms typed, ranks above one with the words apart or only their stems
/// (searchd query_words.cpp AdjacencyBoosts, a ranking-only boost; Lucene's shingle fields are
/// scored so). It lengthens records (BM25 document length). Pairs longer than kMaxTermBytes are
/// not indexed.
inline constexpr std::string_view kExactRun = "XV";
/// Document type (record or passage; "kind" is the record's own partnership/document field,
/// kRecordKind): "XKrecord" or "XKpassage".
inline constexpr std::string_view kDocType = "XK";
/// Source file id (corpus file name, e.g. "000_959c21865eb3db85.txt"): every document of a source.
inline constexpr std::string_view kSource = "XS";
/// On passages: the id of the record they belong to.
inline constexpr std::string_view kRecord = "XR";
/// Facet filter terms: prefix + Analyzer::Fold(display value), e.g. "XCImarrakech", "XCOmaroc".
/// Prefixes are upper case and keys lower case, so no prefix can be read as another's value.
inline constexpr std::string_view kCountry = "XCO";  ///< Partner country, e.g. "Maroc".
inline constexpr std::string_view kCity = "XCI";     ///< Partner town (canonical gazetteer name).
inline constexpr std::string_view kRegion = "XRG";   ///< Region: Moroccan (2015 and pre-2015
                                                     ///< names) and foreign regions.
/// One division of the regions each (issue 17): a name such as "Oriental" exists in both Moroccan
/// divisions, so each has its own prefix and the filters of two divisions never mix.
inline constexpr std::string_view kRegion2015 = "XGN";     ///< Moroccan region of the 2015 reform.
inline constexpr std::string_view kRegion1997 = "XGA";     ///< Moroccan region of 1997 to 2015.
inline constexpr std::string_view kForeignRegion = "XGE";  ///< Region outside Morocco.
inline constexpr std::string_view kProvince = "XPR";       ///< Moroccan province or prefecture.
inline constexpr std::string_view kDomain = "XDO";         ///< Thesaurus domain label.
inline constexpr std::string_view kActor = "XAC";  ///< Normalised actor name (or name as written).
inline constexpr std::string_view kActorId = "XAI";  ///< Actor id (Partner::actor_id), exact.
/// Role of an actor in the record (coop::Partner::role): "XRLfunder"; on records with an actor in
/// that role.
inline constexpr std::string_view kRole = "XRL";
/// An actor in a role: "XAR" + role + ":" + Analyzer::Fold(actor facet value), e.g.
/// "XARfunder:pad maroc" (ActorRoleTerm). Roles hold no ':', so the pair reads back unambiguously.
inline constexpr std::string_view kActorRole = "XAR";
inline constexpr std::string_view kYear = "XYE";        ///< Year, four digits.
inline constexpr std::string_view kRecordKind = "XRK";  ///< "partnership" or "document".

inline constexpr std::string_view kDocTypeRecord = "record";
inline constexpr std::string_view kDocTypePassage = "passage";

/// The shingle term of `first` followed by `second` (word terms), or "" if it would be longer
/// than kMaxTermBytes (such pairs are not indexed). Never throws except std::bad_alloc.
inline std::string Shingle(std::string_view first, std::string_view second) {
  if (kShingle.size() + first.size() + 1 + second.size() > kMaxTermBytes) return {};
  std::string t;
  t.reserve(kShingle.size() + first.size() + 1 + second.size());
  t.append(kShingle).append(first).append(1, ' ').append(second);
  return t;
}

/// The exact-run term of `first` followed by `second` (word terms), or "" if it would be longer
/// than kMaxTermBytes (such pairs are not indexed). Never throws except std::bad_alloc.
inline std::string ExactRun(std::string_view first, std::string_view second) {
  if (kExactRun.size() + first.size() + 1 + second.size() > kMaxTermBytes) return {};
  std::string t;
  t.reserve(kExactRun.size() + first.size() + 1 + second.size());
  t.append(kExactRun).append(first).append(1, ' ').append(second);
  return t;
}

// --- Field weights -------------------------------------------------------------------------
/// Field weights (format 5): a record's title words count kTitleWdf times each (wdf, on the
/// word term and its stem), and the words of each distinct heading of its passages count
/// kHeadingExtraWdf more than their body occurrence (headings are also body text). BM25 reads
/// field weight as term frequency (Omega indexes titles the same way, Xapian's TermGenerator
/// wdf_inc): a record whose title or heading names the query's words ranks above one that only
/// mentions them, at no query-time cost. A partnership's title is its partners' names. Values
/// measured on bench/queries (query_words.cpp kAdjacentWeight notes the method).
inline constexpr Xapian::termcount kTitleWdf = 5;
inline constexpr Xapian::termcount kHeadingExtraWdf = 2;

// --- Value slots ---------------------------------------------------------------------------
/// Record id as a plain UTF-8 string, on records and passages.
inline constexpr Xapian::valueno kSlotRecordId = 0;
/// Order of the record in the corpus, Xapian::sortable_serialise(double): browse order.
inline constexpr Xapian::valueno kSlotOrder = 1;
/// Facet display values of the record, joined with kValueSeparator (UTF-8 strings). On records
/// only, read to count facets over the matching records.
inline constexpr Xapian::valueno kSlotCity = 2;
inline constexpr Xapian::valueno kSlotRegion = 3;
inline constexpr Xapian::valueno kSlotDomain = 4;
inline constexpr Xapian::valueno kSlotActor = 5;
inline constexpr Xapian::valueno kSlotCountry = 6;
inline constexpr Xapian::valueno kSlotYear = 7;
/// The roles of the record's actors (coop::Partner::role), joined like the facet slots above.
inline constexpr Xapian::valueno kSlotRole = 9;
/// Latest year of the record, Xapian::sortable_serialise(double); absent if none. sort=date.
inline constexpr Xapian::valueno kSlotDate = 8;
// Slots 9 and 10 held the hit JSON and HTML summary of format 1; format 3 uses 9 for roles.
/// The record's regions by division (format 4), joined like the facet slots above; kSlotRegion
/// holds all three lists.
inline constexpr Xapian::valueno kSlotRegion2015 = 12;
inline constexpr Xapian::valueno kSlotRegion1997 = 13;
inline constexpr Xapian::valueno kSlotForeignRegion = 14;
/// The order of sort=date without query words (format 7), as one key per record: its latest year
/// descending (records without one last), then its corpus order (kSlotOrder) ascending, written
/// by DateOrderKey to sort ascending as a string. One slot rather than a KeyMaker of kSlotDate
/// and kSlotOrder: Enquire::set_sort_by_value works on every layout, remote shards included
/// (Xapian 1.4 cannot send a KeyMaker to xapian-tcpsrv: UnimplementedError). On records only.
inline constexpr Xapian::valueno kSlotDateOrder = 15;
/// On passages: everything stored of the passage, in binary (coop/passage_value.h): id, record,
/// heading, page, offsets, original text and its HighlightTable (coop/highlighter.h), so that
/// snippets are cut without the analyzer.
inline constexpr Xapian::valueno kSlotPassage = 11;

/// Separates multiple display values in one facet value slot (ASCII unit separator).
inline constexpr char kValueSeparator = '\x1f';

/// The kSlotDateOrder value of a record whose latest year is `latest_year` (nullopt: it has no
/// year) and whose corpus order is `order` (the kSlotOrder number). Two bytes, big-endian:
/// 0xFFFE - year for a year (clamped to 0..0xFFFE), 0xFFFF for none; then
/// Xapian::sortable_serialise(order). The prefix has a fixed width, so byte order is (year
/// descending, no year last, order ascending). Thread-safe; never throws except std::bad_alloc.
inline std::string DateOrderKey(std::optional<int> latest_year, double order) {
  unsigned prefix = 0xFFFF;
  if (latest_year) prefix = 0xFFFE - static_cast<unsigned>(std::clamp(*latest_year, 0, 0xFFFE));
  std::string key;
  key.push_back(static_cast<char>(prefix >> 8));
  key.push_back(static_cast<char>(prefix & 0xFF));
  key += Xapian::sortable_serialise(order);
  return key;
}

// --- Docids --------------------------------------------------------------------------------
/// Record documents have docids below this base, passage documents docids from it on. Why: the
/// search query is AND(words, XKrecord); Xapian's AND ends when its shortest postlist (XKrecord)
/// ends, so the passage postings — most of every word's postlist — are never decoded. Readers
/// may size docid-indexed tables by the record range (last XKrecord docid + 1). 2^26 leaves room
/// for 67 million records and 4.2 billion passages (docids are 32-bit).
inline constexpr Xapian::docid kPassageDocidBase = Xapian::docid{1} << 26;

/// True if `did` lies in the record docid range (below kPassageDocidBase).
inline constexpr bool IsRecordDocid(Xapian::docid did) { return did < kPassageDocidBase; }

// --- Document data -------------------------------------------------------------------------
// Record data: coop::EncodeRecord(StoredRecord) (coop/record_value.h). Passages: none.

// --- Facets --------------------------------------------------------------------------------
/// A facet of the search API: its parameter name, its filter term prefix and its value slot.
/// Filter terms are prefix + Analyzer::Fold(display value); the slot holds display values.
struct Facet {
  std::string_view name;
  std::string_view prefix;
  Xapian::valueno slot;
};

/// The facets of /api/search. "region" is every region of a record, of any division (the facet
/// of formats 1 to 3, kept for the API's clients); the three after it split it by division.
inline constexpr Facet kFacets[] = {
    {"city", kCity, kSlotCity},
    {"region", kRegion, kSlotRegion},
    {"region_2015", kRegion2015, kSlotRegion2015},
    {"region_1997", kRegion1997, kSlotRegion1997},
    {"foreign_region", kForeignRegion, kSlotForeignRegion},
    {"domain", kDomain, kSlotDomain},
    {"actor", kActor, kSlotActor},
    {"country", kCountry, kSlotCountry},
    {"year", kYear, kSlotYear},
    {"role", kRole, kSlotRole},
};

/// The index in kFacets of the facet called `name`, or std::size(kFacets) if none is.
constexpr std::size_t FacetIndex(std::string_view name) {
  for (std::size_t f = 0; f < std::size(kFacets); ++f) {
    if (kFacets[f].name == name) return f;
  }
  return std::size(kFacets);
}

/// The term of an actor in a role: ActorRoleTerm("funder", "pad maroc") == "XARfunder:pad maroc".
/// `folded_actor` is Analyzer::Fold of the actor facet value.
inline std::string ActorRoleTerm(std::string_view role, std::string_view folded_actor) {
  std::string t;
  t.reserve(kActorRole.size() + role.size() + 1 + folded_actor.size());
  t.append(kActorRole).append(role).append(1, ':').append(folded_actor);
  return t;
}

/// Builds a prefixed term, e.g. Term(kSource, "000.txt") == "XS000.txt".
inline std::string Term(std::string_view prefix, std::string_view value) {
  std::string t;
  t.reserve(prefix.size() + value.size());
  t.append(prefix).append(value);
  return t;
}

}  // namespace coop::schema

#endif  // COOP_SCHEMA_H_
