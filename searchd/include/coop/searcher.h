// Search over a coopsearch index: query parsing, ranking and counting records (searchd/src/exec),
// each hit's best passage and snippet, record and actor pages, autocomplete and spelling
// suggestions. Results are typed (coop/search_result.h); the HTTP layer writes them as JSON.
#ifndef COOP_SEARCHER_H_
#define COOP_SEARCHER_H_

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "coop/analyzer.h"
#include "coop/deadline.h"
#include "coop/document_result.h"
#include "coop/index_reader.h"
#include "coop/search_request.h"
#include "coop/search_result.h"

namespace coop {
namespace exec {
class RevisionCache;
struct RankedRecord;
}  // namespace exec
struct ParsedQuery;
struct PassageInfo;

/// The per-revision state (record table, posting and phrase caches, region names) shared by the
/// Searchers of one process: make one per server and give it to every Searcher. Thread-safe.
std::shared_ptr<exec::RevisionCache> MakeRevisionCache();

/// How a Searcher is set up.
struct SearcherOptions {
  /// Shared per-revision state; null: the Searcher makes a cache of its own.
  std::shared_ptr<exec::RevisionCache> revisions;
  /// Match time limit of each Search (from its start); past it Search throws QueryTimeout.
  /// Zero: no limit.
  std::chrono::microseconds match_time_limit{0};
};

/// What a Search computes besides its page, totals and facets (defaults: /api/search's).
struct SearchExtras {
  std::size_t facet_limit = 100;  ///< Values listed per facet (the map lists every city).
  bool records = false;           ///< Whether SearchResult::records lists the whole set.
};

/// How Searcher::Record shows a record.
struct RecordOptions {
  /// The query the record was reached from (the search page's q): each passage's words that
  /// match it are in PagePassage::marks. Empty, or a query that does not parse: no marks.
  std::string q;
};

/// One reader of the index at `index_path`. Owns its Xapian::Database and Analyzer, so it is
/// NOT thread-safe: give each server thread its own Searcher. The database is brought up to date
/// before each call, so a committed index change is seen by the next request.
class Searcher {
 public:
  /// Opens the index; throws Xapian::DatabaseOpeningError if it is missing or unreadable and
  /// IndexFormatError if it has another format.
  explicit Searcher(std::string index_path, SearcherOptions options = {});
  ~Searcher();

  /// Runs `request`. `total`, hits and facet counts describe one set of records (exact counts).
  /// Facets are disjunctive: a facet's counts ignore its own selection. An empty q browses every
  /// record in corpus order. The set holds the records with all the words; only if no record of
  /// the index has them all (selections aside), those of the spelling suggestion's words
  /// (`corrected`), else those lacking one of 3+ words (MatchMode::kMost), else those with any
  /// (MatchMode::kAny). A short all-words page 1 is followed by `partial` hits. Throws QueryError
  /// (a std::invalid_argument) for a bad query, paging, sort or facet parameter
  /// (ValidateSearchRequest, or a facet value absent from the index), QueryTimeout past
  /// SearcherOptions::match_time_limit, Xapian::Error on index failure.
  /// `extras` asks for more values per facet or for every record of the set.
  SearchResult Search(const SearchRequest& request, const SearchExtras& extras = {});

  /// The whole record `id`, with its passages' matches of `options.q` marked. Throws
  /// Xapian::DocNotFoundError if there is no such record.
  RecordPage Record(const std::string& id, const RecordOptions& options = {});

  /// An actor's page. Throws Xapian::DocNotFoundError if no record has a partner with this
  /// actor id.
  ActorPage Actor(const std::string& id);

  /// Source `source` as a reader sees it: its records in corpus order, each with its passages in
  /// order, the words of options.q marked in them (searcher_documents.cpp). Throws
  /// Xapian::DocNotFoundError if the index holds no record of `source`, QueryError for a
  /// malformed options.q.
  DocumentView Document(const std::string& source, const DocumentOptions& options = {});

  /// Whether the index holds a record of `source` (the file name its records name).
  bool HasSource(const std::string& source);

  /// What the index holds: sources, record and actor counts, countries, years, the largest
  /// values of the city, region, domain and actor facets (`largest` of each), last commit.
  IndexSummary Stats(std::size_t largest);

  /// For each id of `record_ids`, the distinct pages its passages are on, ascending (empty when
  /// the format gives none or there is no such record). One posting list and a value read per
  /// passage.
  std::vector<std::vector<int>> RecordPages(const std::vector<std::string>& record_ids);

  /// Autocomplete: up to `limit` facet values (actors, cities, regions, domains) one of whose
  /// words starts with `prefix` (folded: accents and case ignored), values starting with it
  /// first, then by number of records. Throws QueryError if `prefix` is over 100 bytes or not
  /// valid UTF-8.
  std::vector<Suggestion> Suggest(const std::string& prefix, std::size_t limit);

  /// Unix time (s) at which this Searcher last saw the index change (0 if never).
  double LastReopen() const { return last_reopen_; }

  /// Number of Xapian documents (records + passages) in the index as last opened.
  Xapian::doccount DocumentCount() const { return db_.get_doccount(); }

 private:
  Xapian::Document RecordDocument(const std::string& record_id) const;
  SearchResult SearchOnce(const SearchRequest& request, const SearchExtras& extras);
  // The actor selection of a request with roles: the actor-in-role terms (searcher_records.cpp).
  std::vector<Xapian::Query> ActorsInRoles(const SearchRequest& request);
  void Refresh();
  // revision_ for db_ as just (re)opened; `shards_before`: ShardRevisions before the reopen.
  void ReadRevision(const std::string& shards_before);
  // spelling_: the stub's merged spelling database if it names one, else db_ itself.
  void OpenSpelling();
  std::string SpellingSuggestion(const std::string& q);
  // Whether the index has the stem of `t` or of a word of its family (searcher_records.cpp):
  // such a word is matched as typed, never respelt.
  bool MatchesByStem(const Token& t) const;
  // The query whose matches pick a hit's best passage for the words of `text` (parsed:
  // `parsed`): their OR, phrases as the AND of their words; empty if `parsed` highlights none.
  Xapian::Query PassageWords(const ParsedQuery& parsed, const std::string& text);
  // ParseOptions::indexed for this searcher's current revision.
  std::function<bool(const std::string&)> Indexed() const;
  // The best passage of each record of `pages` for `words` (PassageWords), by record id: one
  // passage match for all of them (a record's best passage does not depend on the others).
  std::map<std::string, PassageInfo> BestOf(
      const std::vector<const std::vector<exec::RankedRecord>*>& pages, const Xapian::Query& words);
  // The hits of `page`, with passages from `best` (BestOf) and snippets for `parsed`.
  std::vector<SearchHit> Hits(const std::vector<exec::RankedRecord>& page,
                              const ParsedQuery& parsed,
                              const std::map<std::string, PassageInfo>& best);

  std::string index_path_;
  Xapian::Database db_;
  bool remote_;                // db_ has a remote shard (coop/index_reader.h HasRemoteShards)
  Xapian::Database spelling_;  // where spelling suggestions and typo alternatives are read
  Analyzer analyzer_;
  double last_reopen_ = 0;
  IndexWatcher watcher_;
  std::shared_ptr<exec::RevisionCache> revisions_;
  std::chrono::microseconds match_time_limit_;
  std::shared_ptr<const exec::IndexRevision> revision_;  // of db_'s current revision
};

}  // namespace coop

#endif  // COOP_SEARCHER_H_
