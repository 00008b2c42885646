// What searchd keeps in memory for one revision of the index, and the cache that shares it
// between the searchers of a process. Everything a search needs besides Xapian's own tables is
// built here once per revision (a commit or a new generation makes a new one): the record table,
// the postings of common terms, the region names for query expansion, the coordinates of the
// places, and the phrase cache, the one part that searches fill. Old revisions live as long as a
// searcher or a result holds them (shared_ptr).
#ifndef COOP_SEARCHD_EXEC_INDEX_REVISION_H_
#define COOP_SEARCHD_EXEC_INDEX_REVISION_H_

#include <xapian.h>

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "coop/index_metadata.h"
#include "coop/query_parser.h"  // PlaceNames
#include "exec/phrase_cache.h"
#include "exec/posting_cache.h"
#include "exec/record_table.h"
#include "exec/string_memo.h"
#include "typo_terms.h"

namespace coop::exec {

/// How an IndexRevision is built, and under which key RevisionCache shares it.
struct RevisionOptions {
  /// The database has a remote shard (coop/index_reader.h HasRemoteShards): no posting cache
  /// (each posting list would cross the network when the revision is built, and the matcher
  /// cannot use our posting sources there anyway), and RecordMatcher gives way to Xapian's own
  /// operators (docs/SCALING.md).
  bool remote = false;
  /// A database of local shards: coop/index_reader.h ShardRevisions of its stub, read before
  /// and after the handle was (re)opened and found equal; "" if unknown (the state is then
  /// built for the caller alone).
  std::string shard_revisions;
};

/// The in-memory state of one index revision. Immutable after construction but for the phrase
/// cache and the memos (JSON, passage docids), which are thread-safe: thread-safe to share.
class IndexRevision {
 public:
  /// Builds the state of `db`'s current revision: O(records) document reads, the term list once
  /// and the postings of the common terms (x100: about 0.3 s). Throws Xapian::Error on index
  /// failure, IndexFormatError if a stored value, the region names or the place points are
  /// malformed.
  explicit IndexRevision(const Xapian::Database& db, RevisionOptions options = {});

  /// Whether the database has a remote shard (RevisionOptions::remote).
  bool remote() const { return remote_; }

  /// db.get_termfreq(term), for `db` at this revision, remembered for the revision (at most
  /// kMaxTermFreqs terms; the map is emptied when full). On remote shards each call asks every
  /// shard in turn (a round trip each: the spelling, typo and stem checks of a question sent 34
  /// such requests of its 46 messages, docs/SCALING.md); locally each is a B-tree look-up that
  /// reads its blocks with pread (x1: 7.5 of a search's 58.6 preads were counting's term
  /// frequencies, docs/bench/profile.md, session 15). Throws Xapian::Error as get_termfreq.
  /// Thread-safe (the map is behind a mutex).
  Xapian::doccount TermFreq(const Xapian::Database& db, const std::string& term) const;
  static constexpr std::size_t kMaxTermFreqs = 1 << 16;

  /// spelling.get_spelling_suggestion(word, max_edits) for `spelling` (the index itself or the
  /// merged spelling database of this revision's shards: the same on every call for one
  /// revision, as for typo_dictionary), remembered for the revision per (word, max_edits), at
  /// most kMaxTermFreqs of them (emptied when full), as TermFreq. Xapian's look-up reads the
  /// spelling table's trigram lists and measures each candidate: about 1.1M instructions per
  /// unknown word (x1 and x100, callgrind, docs/bench/profile.md, session 16). Throws
  /// Xapian::Error as get_spelling_suggestion. Thread-safe (the map is behind a mutex).
  std::string SpellingSuggestion(const Xapian::Database& spelling, const std::string& word,
                                 unsigned max_edits) const;

  const RecordTable& records() const { return records_; }
  /// Record postings of the terms in at least 1/32 of the records (posting_cache.h).
  const PostingCache& postings() const { return postings_; }
  /// Phrases kept by the searches of this revision (phrase_cache.h); thread-safe.
  PhraseCache& phrases() const { return phrases_; }
  /// Each record's members of a search hit's JSON (result_json.cpp), written the first time the
  /// record is a hit (string_memo.h); thread-safe.
  const StringMemo& hit_members() const { return hit_members_; }
  /// Each record's passage docids, ascending (the postings of its schema::kRecord term), read
  /// the first time the record is a hit (coop::PassageDocids); thread-safe.
  const IdMemo<std::vector<Xapian::docid>>& passage_docids() const { return passage_docids_; }
  /// The stored fields (schema::kSlotPassage value) of passage docid `did`, read with
  /// get_document the first time the passage is a hit's and kept while the revision's kept
  /// values are under kPassageValueBudget bytes (string_memo.h). Each read costs a pread or
  /// more (Xapian reads B-tree blocks with pread, 8 KB each; the passage values were 11 of a
  /// search's 36 preads at x1 and 19 of 88 at x100, docs/bench/profile.md, session 17). Only a
  /// single local database has its passages in one docid range: elsewhere each call reads.
  /// Throws Xapian::Error as get_document. Thread-safe.
  std::string PassageValue(const Xapian::Database& db, Xapian::docid did) const;
  static constexpr std::size_t kPassageValueBudget = std::size_t{32} << 20;
  /// Each value of facet `facet` (index into schema::kFacets) as the JSON of a facet count up
  /// to its count (result_json.cpp), by value id, written the first time it is listed;
  /// thread-safe.
  const StringMemo& facet_value_json(std::size_t facet) const { return *facet_values_[facet]; }
  /// Region names the query parser expands (coop/index_metadata.h, kRegionNamesKey).
  const PlaceNames& region_names() const { return region_names_; }
  /// The coordinates of the city facet values (kPlacePointsKey), by name; empty for an index
  /// written before the key existed.
  const std::map<std::string, PlacePoint, std::less<>>& place_points() const {
    return place_points_;
  }
  /// The points of the regions of today's division (kRegionPointsKey), by facet value; empty
  /// for an index written before the key existed.
  const std::map<std::string, PlacePoint, std::less<>>& region_points() const {
    return region_points_;
  }
  /// The spelling dictionary of typo tolerance (typo_terms.h), read from `spelling` on the first
  /// call (the index itself, or the merged spelling database of this revision's shards: the
  /// same on every call for one revision) and kept. Thread-safe; throws Xapian::Error on a failed
  /// read, and a later call reads again.
  const TypoDictionary& typo_dictionary(const Xapian::Database& spelling) const;

 private:
  bool remote_;
  RecordTable records_;
  PostingCache postings_;
  PlaceNames region_names_;
  std::map<std::string, PlacePoint, std::less<>> place_points_;
  std::map<std::string, PlacePoint, std::less<>> region_points_;
  mutable PhraseCache phrases_;
  StringMemo hit_members_;
  IdMemo<std::vector<Xapian::docid>> passage_docids_;
  // By docid - schema::kPassageDocidBase; no slots (every call reads) for sharded databases.
  std::size_t passage_slots_;
  BudgetedStringMemo passage_values_;
  std::array<std::unique_ptr<const StringMemo>, RecordTable::kFacetCount> facet_values_;
  mutable std::once_flag typo_once_;
  mutable std::unique_ptr<const TypoDictionary> typo_dictionary_;
  mutable std::mutex termfreq_mu_;
  mutable std::unordered_map<std::string, Xapian::doccount> termfreqs_;
  mutable std::mutex spelling_mu_;
  mutable std::unordered_map<std::string, std::string> spellings_;  // key: max_edits, word
};

/// The revisions in use in one process, keyed by database UUID and revision, so that the
/// searchers of all server threads share one IndexRevision per revision. Owned by whoever
/// creates the searchers (the HTTP server's context; a Searcher alone makes its own). Keeps the
/// `capacity` most recently built revisions. Thread-safe.
class RevisionCache {
 public:
  explicit RevisionCache(std::size_t capacity = 8) : capacity_(capacity) {}

  /// The state of `db`'s current revision, built on first use (see IndexRevision; the lock is
  /// held while building, so concurrent first searches build it once). A sharded `db` (several
  /// sub-databases) has no revision to key on: it is shared under options.shard_revisions, and
  /// built for the caller alone, unshared, when that is empty.
  /// Throws as IndexRevision.
  std::shared_ptr<const IndexRevision> Get(const Xapian::Database& db,
                                           RevisionOptions options = {});

 private:
  std::mutex mu_;
  std::size_t capacity_;
  std::map<std::string, std::shared_ptr<const IndexRevision>> revisions_;
  std::vector<std::string> order_;  // keys, oldest first
};

}  // namespace coop::exec

#endif  // COOP_SEARCHD_EXEC_INDEX_REVISION_H_
