// Field weights of issue 16 (index format 5): a record's title words and its headings' words
// weigh more than body words (schema::kTitleWdf, kHeadingExtraWdf), on the real corpus. Each
// case below ranked otherwise before the field weights (the "before" of each row).
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "coop/index_reader.h"
#include "coop/schema.h"
#include "coop/searcher.h"
#include "corpus_index.h"

namespace coop {
namespace {

class FieldWeightTest : public testing::CorpusIndexTest {
 protected:
  // The titles of the first `n` hits of `q`.
  std::vector<std::string> TopTitles(const std::string& q, int n) {
    std::vector<std::string> out;
    for (const SearchHit& h : searcher_.Search(SearchRequest{.q = q, .size = n}).hits) {
      out.push_back(h.record->title);
    }
    return out;
  }

  Searcher searcher_{Index()};
};

// The rank (0-based) of the first title of `titles` starting with `prefix`, or -1.
int RankOf(const std::vector<std::string>& titles, const std::string& prefix) {
  for (std::size_t i = 0; i < titles.size(); ++i) {
    if (titles[i].rfind(prefix, 0) == 0) return static_cast<int>(i);
  }
  return -1;
}

TEST_F(FieldWeightTest, TitleWordsCountKTitleWdfTimes) {
  // "Répertoire" is in the title of the répertoire's own record (and in its text): each title
  // occurrence adds kTitleWdf to the wdf for one position, a body occurrence 1.
  Xapian::Database db(OpenIndex(Index()));
  Xapian::PostingIterator p = db.postlist_begin("Q001_d5314e58f61e8ef9-r0");
  ASSERT_NE(p, db.postlist_end("Q001_d5314e58f61e8ef9-r0"));
  Xapian::TermIterator t = db.termlist_begin(*p);
  t.skip_to("repertoire");
  ASSERT_NE(t, db.termlist_end(*p));
  ASSERT_EQ(*t, "repertoire");
  EXPECT_GE(t.get_wdf(), t.positionlist_count() - 1 + schema::kTitleWdf);
}

struct TopCase {
  const char* query;
  const char* title;   // prefix of the record's title
  int within;          // the record ranks in the first `within` hits
  const char* before;  // where it ranked before the field weights
};

// Grades in bench/queries/queries.json (the same needs).
constexpr TopCase kTopCases[] = {
    // The répertoire's own record, whose title is the phrase (grade 2).
    {"coopération décentralisée", "Répertoire des partenariats de coopération décentralisée", 5,
     "not in the first 10"},
    // Caudebec/Souk El Khémis, whose projects are for women (grade 2). First with BM25's b at
    // 0.5; at 0.4 (record_matcher.cpp) the long 004 part on the gender recommendations, also
    // about women, passes it.
    {"femme", "Ville de Caudebec-lès-Elbeuf", 2, "2nd"},
    // Champagne-Ardenne/Oriental (grade 2): "Société civile" is one of its headings (6th with
    // BM25's b at 0.5, 8th at 0.4 behind longer records also judged 1 or 2).
    {"société civile", "Conseil régional de Champagne-Ardenne", 8, "not in the first 10"},
    // Nord-Pas de Calais/Doukkala (grade 2): a "Tourisme" project heading.
    {"tourisme", "Conseil régional du Nord-Pas de Calais", 10, "not in the first 10"},
};

TEST_F(FieldWeightTest, TitledAndHeadedRecordsRankFirst) {
  for (const TopCase& c : kTopCases) {
    const std::vector<std::string> top = TopTitles(c.query, 10);
    const int rank = RankOf(top, c.title);
    EXPECT_GE(rank, 0) << c.query << ": " << c.title << " not in the first 10";
    EXPECT_LT(rank, c.within) << c.query << ": " << c.title << " (before: " << c.before << ")";
  }
}

TEST_F(FieldWeightTest, BoilerplateMentionsFallBelowTheRecordsAboutIt) {
  // "femme": the short Belgian partnership records mention women once, in a sentence every one
  // of them repeats (grade 0); two of them were in the first 10 and are no longer.
  const std::vector<std::string> top = TopTitles("femme", 10);
  EXPECT_EQ(RankOf(top, "Commune de Koekelberg"), -1);
  EXPECT_EQ(RankOf(top, "Commune de Schaerbeek"), -1);
}

}  // namespace
}  // namespace coop
