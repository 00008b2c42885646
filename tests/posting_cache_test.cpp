// PostingCache on the real corpus: every term it keeps reads back exactly its posting list over
// the records, every term it leaves out is below its threshold or an exact run, and a cache built
// for another docid limit is not used by MatchingDocids.
#include "exec/posting_cache.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "coop/generations.h"
#include "coop/schema.h"
#include "corpus_index.h"
#include "exec/index_revision.h"
#include "exec/matching_docids.h"
#include "exec/record_set.h"

namespace coop {
namespace {

using exec::IndexRevision;
using exec::MatchingDocids;
using exec::MatchingOptions;
using exec::MatchUse;
using exec::PostingCache;
using exec::RecordSet;
using Docids = std::vector<Xapian::docid>;

class PostingCacheTest : public testing::CorpusIndexTest {};

Docids RecordPostings(const Xapian::Database& db, const std::string& term) {
  Docids out;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    if (*it < schema::kPassageDocidBase) out.push_back(*it);
  }
  return out;
}

TEST_F(PostingCacheTest, KeepsExactlyTheCommonTermsWithTheirRecordPostings) {
  const Xapian::Database db = OpenIndex(Index());
  const IndexRevision revision(db);
  const PostingCache& cache = revision.postings();
  EXPECT_EQ(cache.Limit(), schema::kPassageDocidBase);
  EXPECT_EQ(cache.Threshold(), 16u);  // 76 records: the floor, not 76 / 32
  std::size_t kept = 0, left = 0;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    const Docids expected = RecordPostings(db, *t);
    RecordSet got = RecordSet::FromAscending({12345});  // must be replaced, not appended to
    if (cache.Read(*t, got)) {
      ++kept;
      EXPECT_EQ(got.docids(), expected) << *t;
      EXPECT_EQ(cache.Frequency(*t), expected.size()) << *t;
      EXPECT_GE(expected.size(), cache.Threshold()) << *t;
    } else {
      ++left;
      EXPECT_EQ(got.docids(), Docids{12345}) << *t;
      // Exact runs are never counted, so never cached, however common.
      if (std::string_view(*t).starts_with(schema::kExactRun)) continue;
      EXPECT_LT(expected.size(), cache.Threshold()) << *t;
      EXPECT_EQ(cache.Frequency(*t), 0u) << *t;
    }
  }
  EXPECT_GT(kept, 100u);  // "commun", "maroc", facet terms, common shingles...
  EXPECT_GT(left, kept);
  EXPECT_GT(cache.Frequency("Zcommun"), 50u);
}

TEST_F(PostingCacheTest, ReadsWithinADomain) {
  const Xapian::Database db = OpenIndex(Index());
  const IndexRevision revision(db);
  const Docids eau = RecordPostings(db, "Zeau");
  const Docids maroc = RecordPostings(db, "Zmaroc");
  ASSERT_GT(eau.size(), 16u);
  ASSERT_GT(maroc.size(), 16u);
  Docids expected;
  std::set_intersection(eau.begin(), eau.end(), maroc.begin(), maroc.end(),
                        std::back_inserter(expected));
  const RecordSet domain = RecordSet::FromAscending(eau);
  RecordSet got;
  ASSERT_TRUE(revision.postings().ReadIn("Zmaroc", domain, got));
  EXPECT_EQ(got.docids(), expected);
  EXPECT_LT(got.size(), eau.size());                                   // the domain did narrow it
  EXPECT_FALSE(revision.postings().ReadIn("Ztannerie", domain, got));  // 1 record: not kept
}

TEST_F(PostingCacheTest, IgnoredForAnotherLimit) {
  // Counting below a lower limit must not take the cache's postings above it.
  const Xapian::Database db = OpenIndex(Index());
  const IndexRevision revision(db);
  Docids all = RecordPostings(db, "Zcommun");
  ASSERT_GT(all.size(), 20u);
  const Xapian::docid limit = all[10];
  RecordSet got;
  ASSERT_TRUE(MatchingDocids(
      db, Xapian::Query("Zcommun"), limit, got,
      MatchingOptions{
          .phrases = nullptr, .use = MatchUse::kCount, .postings = &revision.postings()}));
  EXPECT_EQ(got.docids(), Docids(all.begin(), all.begin() + 10));
}

}  // namespace
}  // namespace coop
