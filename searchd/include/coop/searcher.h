// Search over a coopsearch index: query parsing, ranking and counting records, each hit's best
// passage and snippet, and the JSON response of GET /api/search (contract in docs/API.md).
#ifndef COOP_SEARCHER_H_
#define COOP_SEARCHER_H_

#include <Poco/JSON/Object.h>
#include <xapian.h>

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "coop/analyzer.h"
#include "coop/index_metadata.h"
#include "coop/index_reader.h"
#include "coop/record_table.h"

namespace coop {

/// Parameters of one search. `page` is 1-based; `size` is hits per page.
struct SearchRequest {
  std::string q;
  int page = 1;
  int size = 10;
  /// Facet selections by facet name (schema::kFacets): OR within a facet, AND across facets.
  std::map<std::string, std::vector<std::string>> filters;
  std::string sort = "relevance";  ///< "relevance" or "date" (latest year first).
};

/// Largest accepted `size` and `page` (deep paging beyond this is refused with a QueryError).
inline constexpr int kMaxPageSize = 100;
inline constexpr int kMaxPage = 1000;

/// One reader of the index at `index_path`. Owns its Xapian::Database and Analyzer, so it is
/// NOT thread-safe: give each server thread its own Searcher. The database is reopened before
/// each search, so a committed index change is seen by the next request.
class Searcher {
 public:
  /// Opens the index; throws Xapian::DatabaseOpeningError if it is missing or unreadable.
  explicit Searcher(std::string index_path);

  /// Runs `request` and returns the response object:
  ///   {query, total, page, size, hits:[{id,title,source,partners,cities,regions,domains,years,
  ///    snippet,passage,page,score}], facets:{city:[{value,count}],...}, suggestion, relaxed,
  ///    took_ms}
  /// `total` and facet counts are exact numbers of records. Facets are disjunctive: a facet's
  /// counts ignore its own selection. An empty q browses every record in corpus order. If no
  /// record has all words, the any-word result is returned with relaxed = true.
  /// Throws QueryError (a std::invalid_argument) for a bad query, paging, sort or facet
  /// parameter (including a facet value absent from the index), Xapian::Error on index failure.
  Poco::JSON::Object::Ptr Search(const SearchRequest& request);

  /// Search() as JSON text, built directly (what the HTTP API sends). Same errors.
  std::string SearchJson(const SearchRequest& request);

  /// The whole record `id`: its fields, its passages (id, heading, page, text) in order, and its
  /// neighbours in the same source ({"previous": {id,title}|null, "next": ...}).
  /// Throws Xapian::DocNotFoundError if there is no such record.
  Poco::JSON::Object::Ptr Record(const std::string& id);

  /// An actor's page data: {id, name, type, country, names (as written), cities, regions,
  /// domains, partnerships: [{id, title, partners, domains, years}]}.
  /// Throws Xapian::DocNotFoundError if no record has a partner with this actor id.
  Poco::JSON::Object::Ptr Actor(const std::string& id);

  /// Autocomplete: up to `limit` facet values (actors, cities, regions, domains) one of whose
  /// words starts with `prefix` (folded: accents and case ignored), values starting with it
  /// first, then by number of records. [{"value", "facet", "count"}]. Throws QueryError if
  /// `prefix` is over 100 bytes or not valid UTF-8.
  Poco::JSON::Array::Ptr Suggest(const std::string& prefix, std::size_t limit = 10);

  /// Unix time (s) at which this Searcher last saw the index change (0 if never).
  double LastReopen() const { return last_reopen_; }

  /// Number of Xapian documents (records + passages) in the index as last opened.
  Xapian::doccount DocumentCount() const { return db_.get_doccount(); }

 private:
  Xapian::Document RecordDocument(const std::string& record_id) const;
  std::string SearchOnce(const SearchRequest& request);
  void Refresh();
  void ReadRevision();  // what a search needs of db_'s revision: table_ and regions_
  std::string SpellingSuggestion(const std::string& q);
  Xapian::Query FacetFilter(const SearchRequest& request, std::string_view except) const;
  void CheckRequest(const SearchRequest& request) const;

  std::string index_path_;
  Xapian::Database db_;
  Analyzer analyzer_;
  double last_reopen_ = 0;
  IndexWatcher watcher_;
  std::shared_ptr<const RecordTable> table_;  // of db_'s current revision
  std::vector<PlaceName> regions_;            // region names of db_'s revision, for the parser
};

}  // namespace coop

#endif  // COOP_SEARCHER_H_
