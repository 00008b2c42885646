// DocidFilter on the real corpus: one filter leaf shared by two branches of a query tree (as the
// all-but-one form shares its clauses, query_parser.cpp AllButOne) matches, in each branch, the
// documents it lists. Xapian uses a posting source that cannot clone itself directly, so a
// shared leaf had one cursor for two branches: under UBSan a search skipped past the end of its
// list (fuzz_http, CI of stop 24) and, in Release, the partial group of a search let through
// records of the all-words set.
#include "exec/docid_filter.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "coop/generations.h"
#include "coop/index_builder.h"
#include "coop/index_reader.h"
#include "coop/schema.h"
#include "corpus_index.h"
#include "test_util.h"

namespace coop {
namespace {

using Docids = std::vector<Xapian::docid>;

class DocidFilterTest : public testing::CorpusIndexTest {};

Docids RecordPostings(const Xapian::Database& db, const std::string& term) {
  Docids out;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    if (*it < schema::kPassageDocidBase) out.push_back(*it);
  }
  return out;
}

Docids Matches(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Docids out;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
  return out;
}

// The two most frequent plain terms of the records that are not on the same records.
std::vector<std::string> TwoCommonTerms(const Xapian::Database& db) {
  std::vector<std::pair<std::size_t, std::string>> by_freq;
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
    const std::string term = *it;
    if (term.empty() || !std::islower(static_cast<unsigned char>(term[0]))) continue;
    const std::size_t n = RecordPostings(db, term).size();
    if (n >= 10) by_freq.emplace_back(n, term);
  }
  std::sort(by_freq.rbegin(), by_freq.rend());
  EXPECT_GE(by_freq.size(), 20u);
  return {by_freq.at(10).second, by_freq.at(19).second};
}

// The shared-leaf check on `db`, which is the corpus index or its shards opened together.
void ExpectSharedLeafMatchesItsList(const Xapian::Database& db) {
  const std::vector<std::string> terms = TwoCommonTerms(db);
  const Docids a = RecordPostings(db, terms[0]);
  const Docids b = RecordPostings(db, terms[1]);
  Docids either;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(either));
  Docids ids;  // every other record of the two lists: the shared leaf must cut both
  for (std::size_t i = 0; i < either.size(); i += 2) ids.push_back(either[i]);
  ASSERT_GE(ids.size(), 5u);

  Xapian::Query leaf((new exec::DocidFilter(ids, db))->release());
  const Xapian::Query shared(Xapian::Query::OP_OR,
                             Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(terms[0]), leaf),
                             Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(terms[1]), leaf));
  EXPECT_EQ(Matches(db, shared), ids) << terms[0] << " " << terms[1];
  // Alone, the filter matches its list exactly (on shards: each sub-database its own part).
  EXPECT_EQ(Matches(db, leaf), ids);
}

TEST_F(DocidFilterTest, ALeafSharedByTwoBranchesMatchesItsListInEach) {
  ExpectSharedLeafMatchesItsList(OpenIndex(Index()));
}

// On a sharded index Xapian inits one clone per shard with that shard alone, which reads
// shard-local docids (docid_filter.h): the filter must hand each shard its own part of the list.
TEST_F(DocidFilterTest, OnShardsEachShardMatchesItsPartOfTheList) {
  testing::TempDir dir;
  for (std::size_t n : {2, 3}) {
    SCOPED_TRACE("shards " + std::to_string(n));
    const std::string index = dir.path() + "/s" + std::to_string(n);
    IndexOptions options;
    options.shards = n;
    ASSERT_TRUE(BuildIndex(testing::CorpusDir(), index, options).errors.empty());
    const Xapian::Database db = OpenIndex(index);
    ASSERT_EQ(db.size(), n);
    ExpectSharedLeafMatchesItsList(db);
  }
}

}  // namespace
}  // namespace coop
