// One result set, honestly labelled (issue 16), on the real corpus: total, hits and every facet
// count describe the same records; the match mode depends on the query, never on a facet tick;
// a misspelt query with no record runs as its spelling suggestion, or else with typo tolerance.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <set>
#include <string>
#include <vector>

#include "coop/query_parser.h"
#include "coop/searcher.h"
#include "corpus_files.h"
#include "corpus_index.h"
#include "typo_terms.h"

namespace coop {
namespace {

using testing::kKsarElKebir;
using Filters = std::map<std::string, std::vector<std::string>>;

class ResultSetTest : public testing::CorpusIndexTest {
 protected:
  SearchResult Search(const std::string& q, const Filters& filters = {}, int page = 1,
                      int size = 10) {
    return searcher_.Search(SearchRequest{.q = q, .page = page, .size = size, .filters = filters});
  }
  // Every hit of every page, in order.
  std::vector<std::string> AllHits(const std::string& q, const Filters& filters) {
    std::vector<std::string> ids;
    for (int page = 1;; ++page) {
      const SearchResult r = Search(q, filters, page, kMaxPageSize);
      for (const SearchHit& h : r.hits) ids.push_back(h.record->id);
      if (r.hits.size() < static_cast<std::size_t>(kMaxPageSize)) break;
    }
    return ids;
  }
  static std::vector<std::string> Ids(const std::vector<SearchHit>& hits) {
    std::vector<std::string> ids;
    for (const SearchHit& h : hits) ids.push_back(h.record->id);
    return ids;
  }

  Searcher searcher_{Index()};
};

struct Combination {
  std::string q;
  Filters filters;
};

// 20 query x facet combinations: short and long, all / most / any words, with and without
// selections (among them the two of issue 16: "eau potable" in Aix-en-Provence and in 2002).
const std::vector<Combination>& Combinations() {
  static const std::vector<Combination> c = {
      {"eau potable", {}},
      {"eau potable", {{"city", {"Aix-en-Provence"}}}},
      {"eau potable", {{"year", {"2002"}}}},
      {"eau", {{"domain", {"Eau et assainissement"}}}},
      {"tannerie", {}},
      {"formation", {}},
      {"formation", {{"country", {"Belgique"}}}},
      {"coopération décentralisée", {}},
      {"jumelage", {{"region", {"Oriental"}}}},
      {"développement rural", {{"year", {"2002", "2005"}}}},
      {"femmes", {}},
      {"tourisme culture", {{"country", {"France"}}}},
      {"jeunesse", {{"domain", {"Jeunesse"}}, {"country", {"Maroc"}}}},
      {"patrimoine", {}},
      {"assainissement liquide", {}},
      {"tannerie zzzqqq", {}},                                                   // any
      {"quelles communes belges coopèrent avec des communes marocaines ?", {}},  // most
      {"eau assainissement zzzqqq", {{"city", {"Figuig"}}}},                     // most
      {"assainisement", {}},                                                     // corrected
      {"", {{"country", {"Belgique"}}}},                                         // browse
  };
  return c;
}

TEST_F(ResultSetTest, TotalIsTheNumberOfHitsOverAllPages) {
  ASSERT_EQ(Combinations().size(), 20u);
  for (const Combination& c : Combinations()) {
    const SearchResult r = Search(c.q, c.filters);
    const std::vector<std::string> all = AllHits(c.q, c.filters);
    EXPECT_EQ(r.total, all.size()) << c.q;
    EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size()) << c.q;
    if (r.partial) {  // partial matches are apart: never among the hits, never in the total
      for (const std::string& id : Ids(r.partial->hits)) {
        EXPECT_EQ(std::count(all.begin(), all.end(), id), 0) << c.q << " " << id;
      }
    }
  }
}

TEST_F(ResultSetTest, EachFacetCountIsTheTotalAfterTickingIt) {
  for (const Combination& c : Combinations()) {
    const SearchResult r = Search(c.q, c.filters);
    for (const FacetResult& facet : r.facets) {
      const std::string name(facet.name);
      const bool selected = c.filters.count(name) > 0;
      for (const FacetValue& v : facet.values) {
        Filters ticked = c.filters;
        // A selected facet's counts are disjunctive (its own selection lifted): the count is
        // that value's total within the other selections.
        if (selected) ticked[name].clear();
        ticked[name].push_back(std::string(v.value));
        const SearchResult t = Search(c.q, ticked);
        EXPECT_EQ(t.total, v.count) << c.q << " " << name << "=" << v.value;
        EXPECT_EQ(t.match, r.match) << c.q << " " << name << "=" << v.value;
      }
    }
  }
}

TEST_F(ResultSetTest, AFacetTickNeverChangesTheRequiredWords) {
  const SearchResult plain = Search("eau potable");
  EXPECT_EQ(plain.match, MatchMode::kAll);
  EXPECT_EQ(plain.total, 3u);
  const std::vector<std::string> three = Ids(plain.hits);
  // Issue 16: Aix-en-Provence (count 1) showed 1 record under an any-word banner, and 2002
  // (count 2) showed 3 records, one of which was not among the 3.
  const SearchResult aix = Search("eau potable", {{"city", {"Aix-en-Provence"}}});
  EXPECT_EQ(aix.match, MatchMode::kAll);
  EXPECT_EQ(aix.total, 1u);
  const SearchResult y2002 = Search("eau potable", {{"year", {"2002"}}});
  EXPECT_EQ(y2002.match, MatchMode::kAll);
  EXPECT_EQ(y2002.total, 2u);
  for (const std::string& id : Ids(y2002.hits)) {
    EXPECT_NE(std::find(three.begin(), three.end(), id), three.end()) << id;
  }
  // A selection with no all-words record stays "all": empty, not relaxed.
  const SearchResult none = Search("tannerie", {{"country", {"Belgique"}}});
  EXPECT_EQ(none.match, MatchMode::kAll);
  EXPECT_EQ(none.total, 0u);
}

TEST_F(ResultSetTest, FallsBackToMostThenAnyOnlyWhenNoRecordHasAllWords) {
  const SearchResult most = Search("eau assainissement zzzqqq");
  EXPECT_EQ(most.match, MatchMode::kMost);
  EXPECT_EQ(most.total, Search("eau assainissement").total);
  const SearchResult any = Search("tannerie zzzqqq");
  EXPECT_EQ(any.match, MatchMode::kAny);
  ASSERT_EQ(any.hits.size(), 1u);
  EXPECT_EQ(any.hits[0].record->source, kKsarElKebir);
  EXPECT_FALSE(any.partial);
  // Nothing anywhere: "all", empty.
  const SearchResult nothing = Search("zzzqqq yyyxxx");
  EXPECT_EQ(nothing.match, MatchMode::kAll);
  EXPECT_EQ(nothing.total, 0u);
}

TEST_F(ResultSetTest, MisspeltQueriesRunAsTheirSuggestion) {
  const SearchResult a = Search("assainisement");  // 2 edits allowed from 9 letters
  ASSERT_TRUE(a.corrected);
  EXPECT_EQ(*a.corrected, "assainissement");
  EXPECT_EQ(a.query, "assainisement");
  EXPECT_EQ(a.total, Search("assainissement").total);
  EXPECT_GT(a.total, 0u);
  const SearchResult t = Search("tanerie");  // 1 edit from 5 letters
  ASSERT_TRUE(t.corrected);
  EXPECT_EQ(*t.corrected, "tannerie");
  ASSERT_FALSE(t.hits.empty());
  EXPECT_EQ(t.hits[0].record->source, kKsarElKebir);
  // Asked as typed: nothing, and the suggestion instead.
  const SearchResult typed = searcher_.Search(SearchRequest{.q = "tanerie", .correct = false});
  EXPECT_FALSE(typed.corrected);
  EXPECT_EQ(typed.total, 0u);
  EXPECT_EQ(typed.suggestion.value_or(""), "tannerie");
  // With both numbers: the query's (0) and the suggestion's.
  ASSERT_TRUE(typed.suggestion_total);
  EXPECT_EQ(*typed.suggestion_total, Search("tannerie").total);
  EXPECT_GT(*typed.suggestion_total, 0u);
  // A known word is never corrected; a 4-letter unknown word is left alone.
  EXPECT_FALSE(Search("tannerie").corrected);
  EXPECT_FALSE(Search("taneri").corrected && Search("tane").corrected);
}

TEST_F(ResultSetTest, MisspeltWordsMatchWithinTheirTypoBudgetWhenTheSuggestionFindsNothing) {
  // The suggestion of "docteur perre" is "docteur terre", which no record has; one edit from
  // "perre" the index has "pierre" (and "terre"): the all-words set of the 001 record that
  // names the "docteur Pierre".
  const SearchResult d = Search("docteur perre");
  EXPECT_FALSE(d.corrected);
  EXPECT_EQ(d.match, MatchMode::kAll);
  ASSERT_EQ(d.typos.size(), 1u);
  EXPECT_EQ(d.typos[0].word, "perre");
  EXPECT_NE(std::find(d.typos[0].terms.begin(), d.typos[0].terms.end(), "pierre"),
            d.typos[0].terms.end());
  EXPECT_EQ(Ids(d.hits), Ids(Search("docteur pierre").hits));
  EXPECT_GT(d.total, 0u);
  EXPECT_FALSE(d.suggestion);  // "docteur terre" finds nothing: not offered
  // "drihams" (7 letters: one edit) is suggested as "dihams", which no record has with
  // "millions"; "dirhams" is one transposition away.
  const SearchResult m = Search("millions drihams");
  ASSERT_EQ(m.typos.size(), 1u);
  EXPECT_EQ(m.typos[0].word, "drihams");
  EXPECT_EQ(Ids(m.hits), Ids(Search("millions dirhams").hits));
  // The most and any forms match the misspelt words as the typo form does.
  const SearchResult t = Search("tanerie zzzqqq");
  EXPECT_EQ(t.match, MatchMode::kAny);
  ASSERT_EQ(t.typos.size(), 1u);
  EXPECT_EQ(t.typos[0].terms, std::vector<std::string>{"tannerie"});
  ASSERT_EQ(t.hits.size(), 1u);
  EXPECT_EQ(t.hits[0].record->source, kKsarElKebir);
  // Asked as typed: no tolerance, the records with one of the words as typed ("docteur").
  const SearchResult typed =
      searcher_.Search(SearchRequest{.q = "docteur perre", .correct = false});
  EXPECT_TRUE(typed.typos.empty());
  EXPECT_EQ(typed.match, MatchMode::kAny);
  // A known word or one under 5 letters is never tolerated: "zzzqqq" has no neighbour, and
  // "tane" (4 letters) stays as typed.
  EXPECT_TRUE(Search("tannerie").typos.empty());
  EXPECT_TRUE(Search("tane zzzqqq").typos.empty());
}

struct EditCase {
  std::u32string a, b;
  std::size_t bound, distance;
};

TEST(TypoTermsTest, BoundedEditDistanceCountsOneEditPerChange) {
  const std::vector<EditCase> cases = {
      {U"tannerie", U"tannerie", 2, 0},
      {U"tanerie", U"tannerie", 2, 1},  // insertion
      {U"drihams", U"dirhams", 2, 1},   // transposition
      {U"perre", U"pierre", 1, 1},
      {U"perre", U"terre", 1, 1},  // substitution
      {U"assainisement", U"assainissement", 2, 1},
      {U"assainismnet", U"assainissement", 2, 3},  // over the bound: bound + 1
      {U"abc", U"abcdef", 2, 3},                   // lengths alone exceed the bound
      {U"médina", U"medina", 1, 1},                // code points, not bytes
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(BoundedEditDistance(cases[i].a, cases[i].b, cases[i].bound), cases[i].distance)
        << "case " << i;
  }
  EXPECT_EQ(TyposAllowed(4), 0u);
  EXPECT_EQ(TyposAllowed(5), 1u);
  EXPECT_EQ(TyposAllowed(8), 1u);
  EXPECT_EQ(TyposAllowed(9), 2u);
}

// TypoAlternatives skips a dictionary word whose LetterMask lacks more of the query word's bits
// (or the other way round) than the budget: never one within the budget.
TEST(TypoTermsTest, LetterMaskRejectsOnlyWordsOverTheBound) {
  const std::vector<EditCase> cases = {
      {U"tanerie", U"tannerie", 1, 1},   {U"drihams", U"dirhams", 1, 1},
      {U"perre", U"pierre", 1, 1},       {U"assainisement", U"assainissement", 2, 1},
      {U"médina", U"medina", 1, 1},      {U"jumelafes", U"jumelages", 2, 1},
      {U"tanerie", U"galerie", 1, 2},    {U"marakech", U"mohammedia", 2, 3},
      {U"bibliotheqe", U"tramway", 2, 3}};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::uint64_t a = LetterMask(cases[i].a), b = LetterMask(cases[i].b);
    const auto lacking =
        static_cast<std::size_t>(std::max(std::popcount(a & ~b), std::popcount(b & ~a)));
    const std::size_t distance = BoundedEditDistance(cases[i].a, cases[i].b, cases[i].bound);
    EXPECT_EQ(distance, cases[i].distance) << "case " << i;
    if (lacking > cases[i].bound) {
      EXPECT_GT(distance, cases[i].bound) << "case " << i;
    }
  }
  // The bound does reject: "tramway" shares no letter but 'a' with "bibliotheqe".
  EXPECT_GT(std::popcount(LetterMask(U"tramway") & ~LetterMask(U"bibliotheqe")), 2);
}

}  // namespace
}  // namespace coop
