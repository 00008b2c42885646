// Search over an index built from the real corpus, in process.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "coop/generations.h"
#include "coop/index_builder.h"
#include "coop/query_parser.h"
#include "coop/schema.h"
#include "coop/searcher.h"
#include "corpus_files.h"
#include "corpus_index.h"
#include "test_util.h"

namespace coop {
namespace {

using testing::kBelgianCic;
using testing::kKsarElKebir;

class SearchTest : public testing::CorpusIndexTest {
 protected:
  SearchResult Search(const std::string& q, int size = 10, int page = 1) {
    return searcher_.Search(SearchRequest{.q = q, .page = page, .size = size});
  }
  static std::vector<std::string> Sources(const SearchResult& r) {
    std::vector<std::string> out;
    for (const SearchHit& hit : r.hits) out.push_back(hit.record->source);
    return out;
  }
  static std::string Snippet(const SearchResult& r, unsigned i) { return r.hits.at(i).snippet; }

  Searcher searcher_{Index()};
};

TEST_F(SearchTest, BuildReportCountsTheCorpus) {
  EXPECT_EQ(Report().files, 5u);
  EXPECT_TRUE(Report().errors.empty());
  EXPECT_GE(Report().records, 5u);  // at least one per document; segment_test checks the counts
  Xapian::Database db(Index());
  EXPECT_EQ(db.get_termfreq(schema::Term(schema::kDocType, schema::kDocTypeRecord)),
            Report().records);
  EXPECT_GT(Report().passages, 300u);
  EXPECT_EQ(Report().bytes, 457508u);  // sum of the five corpus files' sizes
}

TEST_F(SearchTest, TheIndexCarriesTheSynonymAndSpellingTables) {
  Xapian::Database db(OpenIndex(Index()));
  std::vector<std::string> afd(db.synonyms_begin("afd"), db.synonyms_end("afd"));
  EXPECT_NE(std::find(afd.begin(), afd.end(), "agence francaise de developpement"), afd.end());
  EXPECT_EQ(db.get_spelling_suggestion("tanerie"), "tannerie");
}

// Ranking of issue 16: proximity, exact forms, questions by their content words.
TEST_F(SearchTest, AdjacentWordsRankAboveWordsFarApart) {
  // Of the 15 records with both words, the Ksar El Kebir document alone writes "équipements
  // publics" side by side ("4. La question des équipements publics"); it ranked tenth on BM25,
  // second with the shingle boost, and first with its exact-run term (index format 6).
  const SearchResult r = Search("equipements publics");
  EXPECT_EQ(r.total, 15u);
  const std::vector<std::string> top = Sources(r);
  ASSERT_GE(top.size(), 3u);
  EXPECT_EQ(top[0], kKsarElKebir);
  // The boost weighs, never selects: the words in the other order (no record has that pair)
  // find the same records.
  EXPECT_EQ(r.total, Search("publics equipements").total);
  // Misspelt, the query is respelt "equipement publics" (the speller's choice of number): its
  // runs match in either number, and the same document leads (it was sixth).
  const SearchResult respelt = Search("equipemens publiks");
  ASSERT_TRUE(respelt.corrected);
  EXPECT_EQ(*respelt.corrected, "equipement publics");
  ASSERT_FALSE(respelt.hits.empty());
  EXPECT_EQ(respelt.hits[0].record->source, kKsarElKebir);
}

TEST_F(SearchTest, TheExactFormInEitherNumberRanksAboveTheStemsFamily) {
  // "formateur" shares its stem with "formation" (and the family formation = formateur): the
  // records writing "formateur" or "formateurs" (exact terms: one-word phrases) come first.
  std::set<std::string> writing;
  const SearchResult exact =
      searcher_.Search(SearchRequest{.q = "\"formateur\" OR \"formateurs\"", .size = kMaxPageSize});
  for (const SearchHit& h : exact.hits) writing.insert(h.record->id);
  ASSERT_GE(writing.size(), 5u);
  const SearchResult r = Search("formateur");
  EXPECT_GT(r.total, writing.size());  // the family matches the "formation" records too
  ASSERT_GE(r.hits.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_TRUE(writing.count(r.hits[i].record->id)) << i << " " << r.hits[i].record->title;
  }
}

TEST_F(SearchTest, QuestionsAreAnsweredByTheirContentWords) {
  // "comment" is no required word: one record has all the content words (before, none had
  // "comment" too, and the set fell back to "most"); the Taroudant medina strategy, which
  // lacks only "associer", leads the partial matches.
  const SearchResult r = Search("comment associer les citoyens à la stratégie de la médina");
  EXPECT_EQ(r.match, MatchMode::kAll);
  EXPECT_EQ(r.total, Search("associer citoyens stratégie médina").total);
  ASSERT_TRUE(r.partial);
  ASSERT_FALSE(r.partial->hits.empty());
  EXPECT_EQ(r.partial->hits[0].record->source, testing::kTaroudant);
  // "apiculture" is never written but its family is ("apiculteurs"): not respelt
  // "agriculture", and the question finds the Loire-Atlantique/Agadir beekeepers first.
  const SearchResult bees = Search("quels partenariats concernent l'apiculture ?");
  EXPECT_FALSE(bees.corrected);
  EXPECT_TRUE(bees.typos.empty());
  std::vector<const SearchHit*> listed;
  for (const SearchHit& h : bees.hits) listed.push_back(&h);
  if (bees.partial) {
    for (const SearchHit& h : bees.partial->hits) listed.push_back(&h);
  }
  ASSERT_FALSE(listed.empty());
  EXPECT_NE(listed[0]->record->title.find("Loire-Atlantique"), std::string::npos)
      << listed[0]->record->title;
}

TEST_F(SearchTest, TannerieFindsKsarElKebir) {
  auto r = Search("tannerie");
  ASSERT_EQ(r.total, 1u);
  EXPECT_EQ(Sources(r), std::vector<std::string>{kKsarElKebir});
  EXPECT_NE(Snippet(r, 0).find("<mark>tannerie</mark>"), std::string::npos) << Snippet(r, 0);
}

TEST_F(SearchTest, AccentFreeTypingFindsAccentedText) {
  // Every matching record (000 says "équipements" once in a long report, so it ranks low).
  auto r = Search("equipements", 100);
  ASSERT_LE(r.total, 100u);
  auto sources = Sources(r);
  EXPECT_NE(std::find(sources.begin(), sources.end(), kKsarElKebir), sources.end());
  // The original accented word is highlighted whole.
  bool marked = false;
  for (unsigned i = 0; i < sources.size(); ++i) {
    marked |= Snippet(r, i).find("<mark>équipements</mark>") != std::string::npos;
  }
  EXPECT_TRUE(marked);
  EXPECT_EQ(Search("ÉQUIPEMENTS").total, r.total);
}

TEST_F(SearchTest, EmptyQueryBrowsesEveryRecordInCorpusOrder) {
  auto r = Search("");
  EXPECT_EQ(r.total, Report().records);
  EXPECT_EQ(Sources(r).front(), kKsarElKebir);
  const int last_page = static_cast<int>((Report().records + 9) / 10);
  EXPECT_EQ(Sources(Search("", 10, last_page)).back(), kBelgianCic);
}

// A browse on a fresh index keeps Xapian's docid order (record_matcher.cpp SetOrder: the
// records' docids rise with their corpus order); after an update has given the first document's
// records new docids at the end, it sorts by the corpus order again.
TEST(BrowseOrder, StaysCorpusOrderAfterAnUpdateRenumbersTheFirstDocument) {
  testing::TempDir corpus, index;
  std::filesystem::copy(testing::CorpusDir(), corpus.path(),
                        std::filesystem::copy_options::recursive);
  const std::string data = (std::filesystem::path(index.path()) / "index").string();
  ASSERT_TRUE(BuildIndex(corpus.path(), data, {}).errors.empty());
  const auto browse = [&data] {
    Searcher searcher(data);
    std::vector<std::string> sources;
    for (int page = 1;; ++page) {
      const SearchResult r = searcher.Search(SearchRequest{.q = "", .page = page, .size = 100});
      for (const SearchHit& h : r.hits) sources.push_back(h.record->source);
      if (r.hits.size() < 100) return sources;
    }
  };
  const std::vector<std::string> fresh = browse();
  ASSERT_EQ(fresh.front(), kKsarElKebir);
  ASSERT_EQ(fresh.back(), kBelgianCic);
  {
    std::ofstream first(std::filesystem::path(corpus.path()) / kKsarElKebir, std::ios::app);
    first << "\nUne ligne de plus.\n";
  }
  const IndexReport updated = UpdateIndex(corpus.path(), data, {});
  ASSERT_EQ(updated.files, 1u);
  ASSERT_TRUE(updated.errors.empty());
  Xapian::Database db(OpenIndex(data));
  const std::string record_term = schema::Term(schema::kDocType, schema::kDocTypeRecord);
  const std::string renumbered = schema::Term(schema::kSource, kKsarElKebir);
  EXPECT_GT(*db.postlist_begin(renumbered), *db.postlist_begin(record_term));  // not first
  EXPECT_EQ(browse(), fresh);
}

TEST_F(SearchTest, BrowsingByDateIsLatestYearFirstThenCorpusOrder) {
  // The records without a year come last; records of one latest year (and those without) come
  // in browse order (schema::kSlotDateOrder).
  std::vector<const StoredRecord*> browse, by_date;
  for (int page = 1; browse.size() < Report().records; ++page) {
    const SearchResult r = Search("", 100, page);
    SearchRequest dated{.q = "", .page = page, .size = 100};
    dated.sort = "date";
    const SearchResult d = searcher_.Search(dated);
    ASSERT_EQ(r.hits.size(), d.hits.size());
    ASSERT_FALSE(r.hits.empty());
    for (const SearchHit& h : r.hits) browse.push_back(h.record);
    for (const SearchHit& h : d.hits) by_date.push_back(h.record);
  }
  const auto latest = [](const StoredRecord* r) {
    return r->years.empty() ? 0 : *std::max_element(r->years.begin(), r->years.end());
  };
  std::vector<const StoredRecord*> expected = browse;
  std::stable_sort(
      expected.begin(), expected.end(),
      [&](const StoredRecord* a, const StoredRecord* b) { return latest(a) > latest(b); });
  std::vector<std::string> want, got;
  for (const StoredRecord* r : expected) want.push_back(r->id);
  for (const StoredRecord* r : by_date) got.push_back(r->id);
  EXPECT_EQ(got, want);
  EXPECT_GT(latest(by_date.front()), latest(by_date.back()));
}

TEST_F(SearchTest, TotalIsTheExactNumberOfRecords) {
  // A record matches when it holds all the words, in one passage or spread over several: count
  // by brute force the records whose passages together contain every word, and compare.
  Xapian::Database db(OpenIndex(Index()));
  Analyzer a;
  for (const char* q : {"eau", "cooperation", "developpement", "Marrakech", "jeunesse formation"}) {
    std::map<std::string, std::set<std::string>> words_by_record;
    std::set<std::string> words;
    for (const Token& t : a.Analyze(q)) {
      // A word of a word family (variants.txt "family:", e.g. jeunesse/jeune) is found by any
      // stem of its family.
      const std::string word = schema::Term(schema::kStem, t.stem);
      words.insert(word);
      const std::vector<std::string> own{t.stem};
      const std::vector<std::string>* family = a.StemFamily(t.stem);
      for (const std::string& s : family ? *family : own) {
        const std::string stem = schema::Term(schema::kStem, s);
        for (auto it = db.postlist_begin(stem); it != db.postlist_end(stem); ++it) {
          Xapian::Document d = db.get_document(*it);
          auto kind = d.termlist_begin();
          kind.skip_to("XKpassage");
          if (kind == d.termlist_end() || *kind != "XKpassage") continue;
          words_by_record[d.get_value(schema::kSlotRecordId)].insert(word);
        }
      }
    }
    std::size_t expected = 0;
    for (const auto& [record, found] : words_by_record) expected += found == words;
    EXPECT_EQ(Search(q).total, expected) << q;
  }
}

TEST_F(SearchTest, PagingAndSizeLimits) {
  auto p1 = Search("cooperation", 2, 1);
  auto p2 = Search("cooperation", 2, 2);
  ASSERT_EQ(p1.hits.size(), 2u);
  EXPECT_NE(Sources(p1), Sources(p2));
  EXPECT_THROW(Search("eau", 100000), QueryError);
  EXPECT_THROW(Search("eau", 10, -1), QueryError);
  EXPECT_THROW(Search("eau", 0), QueryError);
}

TEST_F(SearchTest, NoRecordWithAllWordsRelaxesToAnyWord) {
  auto r = Search("tannerie zzzqqq");
  EXPECT_EQ(r.match, MatchMode::kAny);
  EXPECT_EQ(Sources(r), std::vector<std::string>{kKsarElKebir});
  EXPECT_EQ(Search("tannerie").match, MatchMode::kAll);
  auto none = Search("zzzqqq yyyxxx");  // no record has any word: nothing to relax to
  EXPECT_EQ(none.match, MatchMode::kAll);
  EXPECT_EQ(none.total, 0u);
  EXPECT_EQ(none.hits.size(), 0u);
}

TEST_F(SearchTest, SnippetsAreHtmlSafe) {
  for (const char* q : {"eau", "d'assainissement", "cooperation"}) {
    auto r = Search(q);
    for (unsigned i = 0; i < r.hits.size(); ++i) {
      std::string s = Snippet(r, i);
      for (std::string tag : {"<mark>", "</mark>"}) {
        for (std::size_t p; (p = s.find(tag)) != std::string::npos;) s.erase(p, tag.size());
      }
      EXPECT_EQ(s.find('<'), std::string::npos) << s;
      EXPECT_EQ(s.find('>'), std::string::npos) << s;
    }
  }
}

}  // namespace
}  // namespace coop

namespace coop {
namespace {

TEST(SearchSafety, ScriptInAReportIsShownAsText) {
  testing::TempDir dir;
  const std::string corpus = dir.path() + "/corpus";
  std::filesystem::create_directories(corpus);
  std::ofstream(corpus + "/evil.txt") << "Rapport <script>alert('x')</script> sur la tannerie "
                                         "& \"les\" <b>partenaires</b>\n";
  BuildIndex(corpus, dir.path() + "/index", IndexOptions{});
  Searcher searcher(dir.path() + "/index");
  auto r = searcher.Search(SearchRequest{.q = "alert tannerie"});
  ASSERT_EQ(r.total, 1u);
  ASSERT_EQ(r.hits.size(), 1u);
  const std::string snippet = r.hits[0].snippet;
  EXPECT_EQ(snippet.find("<script>"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("&lt;script&gt;"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("<mark>tannerie</mark>"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("<b>"), std::string::npos) << snippet;
}

TEST_F(SearchTest, ARegionNameFindsTheRecordsTaggedWithTheRegion) {
  // The Oriental's partnerships (Oujda, Figuig, Berkane...) rarely write "Oriental"; the record
  // about the region itself does, and comes first. Every record tagged with the region is found.
  const auto tagged =
      searcher_.Search(SearchRequest{.q = "", .size = 100, .filters = {{"region", {"Oriental"}}}});
  const auto found = Search("Oriental", 100);
  std::set<std::string> found_ids;
  for (const SearchHit& hit : found.hits) found_ids.insert(hit.record->id);
  ASSERT_GE(tagged.hits.size(), 4u);
  for (const SearchHit& hit : tagged.hits) {
    const std::string& id = hit.record->id;
    EXPECT_TRUE(found_ids.count(id)) << id;
  }
  ASSERT_FALSE(found.hits.empty());
  const std::string first = found.hits[0].record->title;
  EXPECT_NE(first.find("Oriental"), std::string::npos) << first;
  // Records that carry the tag without writing the name were found too.
  Xapian::Database db(OpenIndex(Index()));
  std::size_t writing = 0;
  for (auto it = db.postlist_begin("oriental"); it != db.postlist_end("oriental"); ++it) {
    writing += *it < schema::kPassageDocidBase;
  }
  EXPECT_GT(found.total, writing);
}

}  // namespace
}  // namespace coop
