// Snippets cut from the stored highlight table (schema::kSlotPassage) must be exactly the snippets
// the analyzer gives: checked on every passage of the real corpus, indexed by the real indexer,
// for queries of every kind the query language has and for matches taken from each passage.
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <sstream>
#include <string>
#include <vector>

#include "../searchd/src/passages.h"
#include "coop/highlighter.h"
#include "coop/index_builder.h"
#include "coop/passage_value.h"
#include "coop/query_parser.h"
#include "coop/schema.h"
#include "corpus_index.h"
#include "test_util.h"

namespace coop {
namespace {

struct StoredPassage {
  std::string value;  // the kSlotPassage value; `fields` views into it
  PassageValue fields;
};

class HighlightTableTest : public testing::CorpusIndexTest {
 protected:
  static void SetUpTestSuite() {
    CorpusIndexTest::SetUpTestSuite();
    passages_ = new std::vector<StoredPassage>;
    docs_ = new std::vector<Xapian::Document>;
    Xapian::Database db(Index());
    const std::string kind = schema::Term(schema::kDocType, schema::kDocTypePassage);
    for (auto it = db.postlist_begin(kind); it != db.postlist_end(kind); ++it) {
      docs_->push_back(db.get_document(*it));
      passages_->push_back({docs_->back().get_value(schema::kSlotPassage), {}});
    }
  }
  static void TearDownTestSuite() {
    delete passages_;
    delete docs_;
    CorpusIndexTest::TearDownTestSuite();
  }

  static std::vector<StoredPassage>* passages_;
  static std::vector<Xapian::Document>* docs_;  // the passage documents, in passages_ order
  Analyzer analyzer_;
};
std::vector<StoredPassage>* HighlightTableTest::passages_ = nullptr;
std::vector<Xapian::Document>* HighlightTableTest::docs_ = nullptr;

TEST_F(HighlightTableTest, EveryPassageHasItsValueAndTable) {
  ASSERT_GT(passages_->size(), 300u);
  for (StoredPassage& p : *passages_) {
    ASSERT_TRUE(DecodePassageValue(p.value, p.fields)) << p.value.substr(0, 80);
    EXPECT_FALSE(p.fields.id.empty());
    EXPECT_FALSE(p.fields.text.empty()) << p.fields.id;
    EXPECT_EQ(p.fields.table, HighlightTable(p.fields.text, analyzer_.Analyze(p.fields.text)))
        << p.fields.id;
  }
}

TEST_F(HighlightTableTest, SnippetsEqualTheAnalyzersOnEveryPassage) {
  // Free words, no accents, elision, variants, split words, numbers, compounds, prefixes,
  // phrases, synonyms, exclusions, a word of no passage.
  const std::vector<std::string> queries = {"l’eau",
                                            "Fes",
                                            "equipements publics",
                                            "Aix-en-Provence",
                                            "assainiss*",
                                            "\"eau potable\"",
                                            "Taroudant",
                                            "Espagne",
                                            "GIZ",
                                            "Junta de Andalucía",
                                            "2 032 800",
                                            "coopération décentralisée",
                                            "Rabat/Salé",
                                            "developpement economique artisanat",
                                            "formation des élus",
                                            "tourisme -eau",
                                            "2017-2021",
                                            "zzyzx"};
  std::vector<HighlightSpec> specs;
  for (const std::string& q : queries) specs.push_back(ParseQuery(analyzer_, q).highlight);
  specs.emplace_back();  // no match: the start of the text
  std::size_t marked = 0, checked = 0;
  for (StoredPassage& p : *passages_) {
    ASSERT_TRUE(DecodePassageValue(p.value, p.fields));
    // Matches taken from the passage itself, so that every passage has some: every 9th term,
    // every 7th stem, and the first bytes of one term as a prefix.
    const std::vector<Token> tokens = analyzer_.Analyze(p.fields.text);
    HighlightSpec own;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (i % 9 == 4) own.terms.insert(tokens[i].term);
      if (i % 7 == 2 && !tokens[i].stem.empty()) own.stems.insert(tokens[i].stem);
    }
    if (tokens.size() > 12) own.prefixes.push_back(tokens[12].term.substr(0, 3));
    specs.push_back(std::move(own));
    for (const HighlightSpec& s : specs) {
      const std::string expected = Snippet(analyzer_, p.fields.text, s);
      const std::optional<std::string> got = SnippetFromTable(p.fields.text, p.fields.table, s);
      ASSERT_TRUE(got.has_value()) << p.fields.id;
      EXPECT_EQ(*got, expected) << p.fields.id;
      marked += expected.find("<mark>") != std::string::npos;
      ++checked;
    }
    specs.pop_back();
  }
  // The comparison is not vacuous: many snippets have marks.
  EXPECT_GT(marked, checked / 10) << marked << " of " << checked;
}

// A passage whose highlight table cannot be used (PassageSnippet falls back to the analyzer)
// shows the same snippet as with its table.
TEST_F(HighlightTableTest, PassagesWithoutATableGiveTheSameSnippet) {
  const HighlightSpec spec = ParseQuery(analyzer_, "eau potable assainissement").highlight;
  std::size_t marked = 0;
  for (std::size_t i = 0; i < docs_->size(); ++i) {
    const PassageInfo with_table = ReadPassage((*docs_)[i]);
    PassageInfo without = with_table;
    without.table.clear();
    EXPECT_FALSE(with_table.table.empty());
    EXPECT_FALSE(with_table.text.empty());
    const std::string snippet = PassageSnippet(analyzer_, without, spec);
    EXPECT_EQ(PassageSnippet(analyzer_, with_table, spec), snippet) << with_table.id;
    marked += snippet.find("<mark>") != std::string::npos;
  }
  EXPECT_GT(marked, 20u);
}

TEST_F(HighlightTableTest, DamagedTablesAreRefused) {
  ASSERT_FALSE(passages_->empty());
  StoredPassage& p = passages_->front();
  ASSERT_TRUE(DecodePassageValue(p.value, p.fields));
  const std::string table(p.fields.table);
  const HighlightSpec none;
  EXPECT_FALSE(SnippetFromTable(p.fields.text, "", none).has_value());
  EXPECT_FALSE(SnippetFromTable(p.fields.text, "\x02" + table.substr(1), none).has_value());
  EXPECT_FALSE(SnippetFromTable(p.fields.text, table.substr(0, table.size() / 2), none));
  EXPECT_FALSE(SnippetFromTable(p.fields.text, table + "x", none).has_value());
  // Spans past the end of a shorter text.
  EXPECT_FALSE(SnippetFromTable(p.fields.text.substr(0, 10), table, none).has_value());
  PassageValue v;
  EXPECT_FALSE(DecodePassageValue("", v));
  EXPECT_FALSE(DecodePassageValue(p.value.substr(0, p.value.size() - 1), v));
}

}  // namespace
}  // namespace coop

// AppendEscapedMarkup escapes the five markup characters and repairs only what would make XML
// ill-formed; extracted-text clean-up (AppendEscapedHtml's "**", spaces) must not happen.
TEST(EscapedMarkupTest, EscapesAndRepairsOnlyWhatMarkupNeeds) {
  const struct {
    std::string in, out;
  } cases[] = {
      {"Aït Baha", "Aït Baha"},
      {"a & b <c> \"d\" 'e'", "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;"},
      {"/?city=Saint-Josse&q=eau**", "/?city=Saint-Josse&amp;q=eau**"},
      {"two  spaces\tand\nlines", "two  spaces\tand\nlines"},
      {std::string("bad \xFF\xFE bytes"), "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes"},
      {std::string("nul\x01" "bell\x07"), "nul bell "},
      {"", ""},
  };
  for (const auto& c : cases) {
    std::string out = "<";
    coop::AppendEscapedMarkup(out, c.in);
    EXPECT_EQ(out, "<" + c.out) << c.in;
  }
}
