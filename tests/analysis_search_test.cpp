// Search-level checks of the French analysis chain (issue 3, "Done when"), over an index of the
// real corpus built in process: accent-free and unelided typing, spelling variants, split words,
// synonyms, numbers, compounds, field filters, and whole-word highlighting.
#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

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
using testing::kTaroudant;

class AnalysisSearchTest : public testing::CorpusIndexTest {
 protected:
  struct Hit {
    std::string id, source, title, snippet;
  };
  std::vector<Hit> Hits(const std::string& q) {
    auto r = searcher_.Search(SearchRequest{.q = q, .page = 1, .size = 100});
    std::vector<Hit> out;
    for (const SearchHit& h : r.hits) {
      out.push_back({h.record->id, h.record->source, h.record->title, h.snippet});
    }
    return out;
  }
  std::set<std::string> Ids(const std::string& q) {
    std::set<std::string> ids;
    for (const Hit& h : Hits(q)) ids.insert(h.id);
    return ids;
  }
  // The first hit from corpus file `source` (corpus_files.h), or nullptr.
  static const Hit* From(const std::vector<Hit>& hits, const std::string& source) {
    for (const Hit& h : hits) {
      if (h.source == source) return &h;
    }
    return nullptr;
  }

  Searcher searcher_{Index()};
};

// Every <mark> holds whole words: no letter touches it from outside (no "équip<mark>…", no
// "<mark>l’eau" with the article, no stem cut short).
void ExpectWholeWordsMarked(const std::string& snippet) {
  static const std::regex kLetterThenMark("[A-Za-z\\xC3-\\xC5]<mark>");
  static const std::regex kMarkThenLetter("</mark>[A-Za-z\\xC3-\\xC5]");
  EXPECT_FALSE(std::regex_search(snippet, kLetterThenMark)) << snippet;
  EXPECT_FALSE(std::regex_search(snippet, kMarkThenLetter)) << snippet;
  EXPECT_EQ(snippet.find("<mark>l’"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("<mark>l&#39;"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("<mark>d&#39;"), std::string::npos) << snippet;
}

TEST_F(AnalysisSearchTest, UnaccentedAndUnelidedTypingFindsTheSame) {
  const std::vector<std::pair<std::string, std::string>> same = {
      {"equipements publics", "équipements publics"},
      {"Fes", "Fès"},
      {"Meknes", "Meknès"},
      {"Tetouan", "Tétouan"},
      {"l’eau", "eau"},
      {"l'eau", "eau"},
      {"d'assainissement", "assainissement"},
      {"EQUIPEMENTS", "équipements"}};
  for (const auto& [typed, written] : same) {
    const std::set<std::string> ids = Ids(typed);
    EXPECT_FALSE(ids.empty()) << typed;
    EXPECT_EQ(ids, Ids(written)) << typed << " vs " << written;
  }
}

TEST_F(AnalysisSearchTest, SnippetsMarkWholeOriginalWords) {
  bool eau = false, fes = false;
  for (const Hit& h : Hits("l’eau")) {
    ExpectWholeWordsMarked(h.snippet);
    eau |= h.snippet.find("l’<mark>eau</mark>") != std::string::npos ||
           h.snippet.find("l&#39;<mark>eau</mark>") != std::string::npos;
  }
  for (const Hit& h : Hits("Fes")) {
    ExpectWholeWordsMarked(h.snippet);
    fes |= h.snippet.find("<mark>Fès</mark>") != std::string::npos;
  }
  for (const Hit& h : Hits("equipements publics")) ExpectWholeWordsMarked(h.snippet);
  EXPECT_TRUE(eau);
  EXPECT_TRUE(fes);
}

TEST_F(AnalysisSearchTest, TaroudantFindsTheRomansTaroudanntPartnership) {
  const auto hits = Hits("Taroudant");
  bool romans = false;
  for (const Hit& h : hits) {
    if (h.title.find("Romans") == std::string::npos) continue;
    romans = true;
    EXPECT_NE(h.snippet.find("<mark>Taroudannt</mark>"), std::string::npos) << h.snippet;
  }
  EXPECT_TRUE(romans);
  EXPECT_NE(From(hits, kTaroudant), nullptr);  // and the GIZ slides, which write "Taroudant"
  EXPECT_EQ(Ids("Taroudannt"), Ids("Taroudant"));
}

TEST_F(AnalysisSearchTest, EspagneFindsTheKsarElKebirTextPrintedEsPagne) {
  const auto hits = Hits("Espagne");
  const Hit* ksar = From(hits, kKsarElKebir);
  ASSERT_NE(ksar, nullptr);
  EXPECT_NE(ksar->snippet.find("<mark>Es pagne</mark>"), std::string::npos) << ksar->snippet;
  // Other repaired words of the same page.
  EXPECT_NE(From(Hits("liberté culturelle"), kKsarElKebir), nullptr);
  EXPECT_NE(From(Hits("portant promulgation"), kKsarElKebir), nullptr);
}

TEST_F(AnalysisSearchTest, SynonymsAndAcronymsFindEachOther) {
  EXPECT_NE(From(Hits("Deutsche Gesellschaft für Internationale Zusammenarbeit"), kTaroudant),
            nullptr);
  EXPECT_NE(From(Hits("Junta de Andalucía"), kKsarElKebir), nullptr);
  const auto avcb = Hits("AVCB");
  EXPECT_NE(From(avcb, kBelgianCic), nullptr);
  EXPECT_EQ(Ids("Brulocalis"), Ids("AVCB"));
  const auto giz = Hits("GIZ");
  const Hit* slides = From(giz, kTaroudant);
  ASSERT_NE(slides, nullptr);
  EXPECT_NE(slides->snippet.find("<mark>"), std::string::npos) << slides->snippet;
}

TEST_F(AnalysisSearchTest, AmountsAndCompoundsAsWritten) {
  const auto amount = Hits("2 032 800");
  ASSERT_FALSE(amount.empty());
  EXPECT_NE(amount[0].snippet.find("<mark>2 032 800</mark>"), std::string::npos)
      << amount[0].snippet;
  EXPECT_EQ(Ids("2032800"), Ids("2 032 800"));
  EXPECT_NE(From(Hits("1.409.749,55"), kKsarElKebir), nullptr);
  const std::set<std::string> aix = Ids("Aix-en-Provence");
  EXPECT_FALSE(aix.empty());
  EXPECT_EQ(Ids("aix-en-provence"), aix);
  EXPECT_EQ(Ids("\"Aix en Provence\""), aix);
  for (const std::string& id : aix) EXPECT_TRUE(Ids("provence").count(id)) << id;
  bool whole = false;
  for (const Hit& h : Hits("Aix-en-Provence")) {
    whole |= h.snippet.find("<mark>Aix-en-Provence</mark>") != std::string::npos;
  }
  EXPECT_TRUE(whole);
}

TEST_F(AnalysisSearchTest, FieldValuesFilterWithoutWeight) {
  Xapian::Database db(Index());
  Analyzer analyzer;
  const FieldPrefixes fields = {{"city", std::string(schema::kCity)}};
  const std::string oujda = schema::Term(schema::kCity, analyzer.Fold("Oujda"));
  ASSERT_GT(db.get_termfreq(oujda), 0u);
  Xapian::Enquire all(db), filtered(db);
  all.set_query(ParseQuery(analyzer, "eau").query);
  filtered.set_query(ParseQuery(analyzer, "eau city:Oujda", {.fields = &fields}).query);
  const Xapian::MSet a = all.get_mset(0, db.get_doccount());
  const Xapian::MSet f = filtered.get_mset(0, db.get_doccount());
  ASSERT_GT(f.size(), 0u);
  EXPECT_LT(f.size(), a.size());
  std::map<Xapian::docid, double> unfiltered;
  for (auto it = a.begin(); it != a.end(); ++it) unfiltered[*it] = it.get_weight();
  for (auto it = f.begin(); it != f.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    auto t = doc.termlist_begin();
    t.skip_to(oujda);
    EXPECT_TRUE(t != doc.termlist_end() && *t == oujda);
    // Same weight as without the filter: the filter adds none.
    ASSERT_TRUE(unfiltered.count(*it));
    EXPECT_DOUBLE_EQ(it.get_weight(), unfiltered[*it]);
  }
}

}  // namespace
}  // namespace coop
