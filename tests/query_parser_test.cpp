// The /api/search query language: each query text against the exact Xapian::Query description it
// parses to (golden pairs, as Xapian's queryparsertest does), and the exact message of each bad
// query. When the parser changes on purpose, review each new description and update its row.
#include "coop/query_parser.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "coop/region_names.h"
#include "coop/schema.h"

namespace coop {
namespace {

// How a row calls ParseQuery.
enum class Call {
  kPlain,    // ParseQuery(analyzer, text): no filter fields, no places
  kFields,   // with the Searcher's filter fields (kFields)
  kAnyWord,  // with kFields and OP_OR: the relaxed "any word" retry
  kRegions,  // with the gazetteer's region names as places (what coop-index writes)
};

// The filter fields the Searcher passes (prefixes of indexer/include/coop/schema.h).
const FieldPrefixes kFields = {{"city", std::string(schema::kCity)},
                               {"region", std::string(schema::kRegion)},
                               {"actor", std::string(schema::kActor)},
                               {"year", std::string(schema::kYear)}};

ParsedQuery Parse(Analyzer& a, const std::string& text, Call call) {
  switch (call) {
    case Call::kPlain:
      return ParseQuery(a, text);
    case Call::kFields:
      return ParseQuery(a, text, {.fields = &kFields});
    case Call::kAnyWord:
      return ParseQuery(a, text, {.default_op = Xapian::Query::OP_OR, .fields = &kFields});
    case Call::kRegions: {
      // The region names coop-index writes into the index, from the embedded gazetteer.
      const PlaceNames regions(RegionNames(ReferenceData::Embedded(), a));
      return ParseQuery(a, text, {.places = &regions});
    }
  }
  return {};
}

struct Golden {
  std::string text;
  std::string description;  // exact Xapian::Query::get_description()
  Call call = Call::kPlain;
};

// Every case of the query language, grouped by what it shows.
const std::vector<Golden> kGolden = {
    // Empty and all-punctuation queries browse (match_all, checked below).
    {"", "Query()"},
    {"   ", "Query()"},
    {"? ! ,", "Query()"},
    // Words are folded, stemmed (Z terms, the unstemmed form in either number as a 0.25 boost) and
    // all required;
    // accent-free typing gives the same query.
    {"Équipements PUBLICS",
     "Query(((Zequip AND_MAYBE 0.25 * (equipements SYNONYM equipement)) AND (Zpublic AND_MAYBE "
     "0.25 "
     "* (publics SYNONYM public))))"},
    {"equipements publics",
     "Query(((Zequip AND_MAYBE 0.25 * (equipements SYNONYM equipement)) AND (Zpublic AND_MAYBE "
     "0.25 "
     "* (publics SYNONYM public))))"},
    // Stopwords are dropped unless they are the whole query.
    {"la tannerie", "Query((Ztanner AND_MAYBE 0.25 * (tannerie SYNONYM tanneries)))"},
    {"tannerie", "Query((Ztanner AND_MAYBE 0.25 * (tannerie SYNONYM tanneries)))"},
    {"de la", "Query((de AND la))"},
    // Elision with either apostrophe.
    {"l’eau", "Query((Zeau AND_MAYBE 0.25 * (eau SYNONYM eaus)))"},
    {"eau", "Query((Zeau AND_MAYBE 0.25 * (eau SYNONYM eaus)))"},
    {"d'assainissement",
     "Query((Zassain AND_MAYBE 0.25 * (assainissement SYNONYM assainissements)))"},
    {"assainissement",
     "Query((Zassain AND_MAYBE 0.25 * (assainissement SYNONYM assainissements)))"},
    // Phrases, exclusions, OR, prefixes, grouping.
    {"\"eau et assainissement\"", "Query((eau PHRASE 3 et PHRASE 3 assainissement))"},
    {"eau -potable",
     "Query(((Zeau AND_MAYBE 0.25 * (eau SYNONYM eaus)) AND_NOT (Zpotabl AND_MAYBE 0.25 * (potable "
     "SYNONYM potables))))"},
    {"Agadir OR Oujda",
     "Query(((Zagad AND_MAYBE 0.25 * (agadir SYNONYM agadirs)) OR (Zoujd AND_MAYBE 0.25 * (oujda "
     "SYNONYM oujdas))))"},
    {"tann*", "Query(WILDCARD SYNONYM tann)"},
    {"(Agadir OR Oujda) eau",
     "Query((((Zagad AND_MAYBE 0.25 * (agadir SYNONYM agadirs)) OR (Zoujd AND_MAYBE 0.25 * (oujda "
     "SYNONYM oujdas))) AND (Zeau "
     "AND_MAYBE 0.25 * (eau SYNONYM eaus))))"},
    // Hyphenated words match the whole compound or its parts as a phrase, in any case; spaces
    // instead of hyphens give the parts, each required ("en" is a stopword).
    {"Aix-en-Provence", "Query((aix-en-provence OR (aix PHRASE 3 en PHRASE 3 provence)))"},
    {"aix-en-provence", "Query((aix-en-provence OR (aix PHRASE 3 en PHRASE 3 provence)))"},
    {"Aix en Provence",
     "Query(((Zaix AND_MAYBE 0.25 * (aix SYNONYM ai)) AND (Zprovenc AND_MAYBE 0.25 * (provence "
     "SYNONYM provences))))"},
    {"2017-2021", "Query((2017-2021 OR (2017 PHRASE 2 2021)))"},
    // Spelling variants of place names give the same query.
    {"Taroudannt", "Query((Ztaroud AND_MAYBE 0.25 * (taroudant SYNONYM taroudants)))"},
    {"Taroudant", "Query((Ztaroud AND_MAYBE 0.25 * (taroudant SYNONYM taroudants)))"},
    {"Fez", "Query((Zfe AND_MAYBE 0.25 * (fes SYNONYM fe)))"},
    {"Fès", "Query((Zfe AND_MAYBE 0.25 * (fes SYNONYM fe)))"},
    {"Fes", "Query((Zfe AND_MAYBE 0.25 * (fes SYNONYM fe)))"},
    {"FÈS", "Query((Zfe AND_MAYBE 0.25 * (fes SYNONYM fe)))"},
    {"Meknes", "Query((Zmekn AND_MAYBE 0.25 * (meknes SYNONYM mekne)))"},
    {"Meknès", "Query((Zmekn AND_MAYBE 0.25 * (meknes SYNONYM mekne)))"},
    {"Tetouan", "Query((Ztetouan AND_MAYBE 0.25 * (tetouan SYNONYM tetouans)))"},
    {"Tétouan", "Query((Ztetouan AND_MAYBE 0.25 * (tetouan SYNONYM tetouans)))"},
    {"El Jedida",
     "Query(((Zel AND_MAYBE 0.25 * el) AND (Zjadid AND_MAYBE 0.25 * (jadida SYNONYM jadidas))))"},
    // Synonyms and acronyms expand to their alternatives as phrases (GIZ: Deutsche Gesellschaft
    // für Internationale Zusammenarbeit); the other words of the query stay required.
    {"GIZ",
     "Query(((Zgiz AND_MAYBE 0.25 * (giz SYNONYM gizs)) OR giz OR (deutsche PHRASE 5 gesellschaft "
     "PHRASE 5 fur "
     "PHRASE 5 internationale PHRASE 5 zusammenarbeit)))"},
    {"GIZ Taroudant",
     "Query((((Zgiz AND_MAYBE 0.25 * (giz SYNONYM gizs)) OR giz OR (deutsche PHRASE 5 gesellschaft "
     "PHRASE 5 fur "
     "PHRASE 5 internationale PHRASE 5 zusammenarbeit)) AND (Ztaroud AND_MAYBE 0.25 * "
     "(taroudant SYNONYM taroudants))))"},
    // Two free words that spell an alternative; a quoted alternative; one word alone is not one.
    {"Junta Andalucia",
     "Query((((Zjunt AND_MAYBE 0.25 * (junta SYNONYM juntas)) AND (Zandaluci AND_MAYBE 0.25 * "
     "(andalucia SYNONYM andalucias))) OR (junta "
     "PHRASE 3 de PHRASE 3 andalucia) OR (junta PHRASE 2 andalucia)))"},
    {"\"Junta de Andalucía\"",
     "Query(((junta PHRASE 3 de PHRASE 3 andalucia) OR (junta PHRASE 2 andalucia)))"},
    {"Junta", "Query((Zjunt AND_MAYBE 0.25 * (junta SYNONYM juntas)))"},
    {"Brulocalis",
     "Query(((Zbrulocal AND_MAYBE 0.25 * (brulocalis SYNONYM brulocali)) OR avcb OR brulocalis OR "
     "(association PHRASE "
     "13 de PHRASE 13 la PHRASE 13 ville PHRASE 13 et PHRASE 13 des PHRASE 13 communes PHRASE 13 "
     "de PHRASE 13 la PHRASE 13 region PHRASE 13 de PHRASE 13 bruxelles PHRASE 13 capitale)))"},
    {"Cités Unies France",
     "Query((((Zcit AND_MAYBE 0.25 * (cites SYNONYM cite)) AND (Zuni AND_MAYBE 0.25 * (unies "
     "SYNONYM "
     "unie)) AND (Zfranc "
     "AND_MAYBE 0.25 * (france SYNONYM frances))) OR cuf OR (cites PHRASE 3 unies PHRASE 3 "
     "france)))"},
    {"Sous Massa Draa",
     "Query((((Zsous AND_MAYBE 0.25 * (sous SYNONYM sou)) AND (Zmass AND_MAYBE 0.25 * (massa "
     "SYNONYM "
     "massas)) AND (Zdra AND_MAYBE "
     "0.25 * (draa SYNONYM draas))) OR (souss PHRASE 3 massa PHRASE 3 draa) OR (sous PHRASE 3 "
     "massa "
     "PHRASE 3 "
     "draa)))"},
    // Numbers written with spaces or separators and words split by the PDF extraction give the
    // indexed term.
    {"2 032 800", "Query(2032800)"},
    {"2032800", "Query(2032800)"},
    {"2 032 800 Dhs", "Query((2032800 AND (Zdh AND_MAYBE 0.25 * (dhs SYNONYM dh))))"},
    {"1.409.749,55", "Query(1409749,55)"},
    {"385.767,95", "Query(385767,95)"},
    {"385767,95", "Query(385767,95)"},
    {"Es pagne", "Query((Zespagn AND_MAYBE 0.25 * (espagne SYNONYM espagnes)))"},
    {"Espagne", "Query((Zespagn AND_MAYBE 0.25 * (espagne SYNONYM espagnes)))"},
    // Without filter fields "x:y" is words; without places, no place expansion.
    {"city:Agadir", "Query((city PHRASE 2 agadir))"},
    {"Oriental", "Query((Zoriental AND_MAYBE 0.25 * (oriental SYNONYM orientals)))"},
    // Field values become unweighted filters, combined with -, OR and () like any clause; the
    // field name is case-insensitive; an unknown field is words.
    {"eau city:Agadir", "Query(((Zeau AND_MAYBE 0.25 * (eau SYNONYM eaus)) FILTER XCIagadir))",
     Call::kFields},
    {"region:\"Souss Massa Drâa\"", "Query(0 * XRGsouss massa draa)", Call::kFields},
    {"City:FÈS", "Query(0 * XCIfes)", Call::kFields},
    {"eau -city:Agadir", "Query(((Zeau AND_MAYBE 0.25 * (eau SYNONYM eaus)) AND_NOT XCIagadir))",
     Call::kFields},
    {"(city:Agadir OR city:Oujda) year:2005", "Query(0 * ((XCIagadir OR XCIoujda) AND XYE2005))",
     Call::kFields},
    {"domain:eau", "Query((domain PHRASE 2 eau))", Call::kFields},
    // The relaxed "any word" retry keeps filters required.
    {"eau tannerie city:Agadir",
     "Query((((Zeau AND_MAYBE 0.25 * (eau SYNONYM eaus)) OR (Ztanner AND_MAYBE 0.25 * (tannerie "
     "SYNONYM tanneries))) FILTER "
     "XCIagadir))",
     Call::kAnyWord},
    // Region names of the gazetteer (corpus/data/gazetteer.csv) spelled out by the free words
    // add their facet term as an unweighted alternative; the longest name wins (Souss-Massa-Drâa,
    // 1997, not Souss-Massa, 2015); a city, or a city inside a region's name ("Fès", not
    // "Fès-Meknès"), does not; exclusions stay text.
    {"région de l'Oriental",
     "Query((((Zregion AND_MAYBE 0.25 * (region SYNONYM regions)) AND (Zoriental AND_MAYBE 0.25 * "
     "(oriental SYNONYM orientals))) OR 0 * "
     "XRGoriental))",
     Call::kRegions},
    {"Souss-Massa", "Query(((souss-massa OR (souss PHRASE 2 massa)) OR 0 * XRGsouss-massa))",
     Call::kRegions},
    {"souss massa tourisme",
     "Query(((((Zsouss AND_MAYBE 0.25 * (souss SYNONYM sous)) AND (Zmass AND_MAYBE 0.25 * (massa "
     "SYNONYM massas))) OR 0 * "
     "XRGsouss-massa) AND (((Ztourism SYNONYM Ztourist) AND_MAYBE 0.5 * Ztourism) AND_MAYBE 0.25 "
     "* (tourisme SYNONYM "
     "tourismes))))",
     Call::kRegions},
    {"Souss Massa Drâa",
     "Query(((((Zsouss AND_MAYBE 0.25 * (souss SYNONYM sous)) AND (Zmass AND_MAYBE 0.25 * (massa "
     "SYNONYM massas)) AND (Zdra "
     "AND_MAYBE 0.25 * (draa SYNONYM draas))) OR (souss PHRASE 3 massa PHRASE 3 draa) OR (sous "
     "PHRASE 3 massa "
     "PHRASE 3 draa)) OR 0 * XRGsouss-massa-draa))",
     Call::kRegions},
    {"Fès", "Query((Zfe AND_MAYBE 0.25 * (fes SYNONYM fe)))", Call::kRegions},
    {"Marrakech", "Query((Zmarrakech AND_MAYBE 0.25 * (marrakech SYNONYM marrakechs)))",
     Call::kRegions},
    {"-Oriental eau",
     "Query(((Zeau AND_MAYBE 0.25 * (eau SYNONYM eaus)) AND_NOT (Zoriental AND_MAYBE 0.25 * "
     "(oriental SYNONYM orientals))))",
     Call::kRegions},
};

TEST(QueryParser, EachQueryParsesToItsGoldenDescription) {
  Analyzer a;
  for (const Golden& g : kGolden) {
    EXPECT_EQ(Parse(a, g.text, g.call).query.get_description(), g.description) << g.text;
  }
}

TEST(QueryParser, EmptyAndPunctuationBrowse) {
  Analyzer a;
  EXPECT_TRUE(ParseQuery(a, "").match_all);
  EXPECT_TRUE(ParseQuery(a, "   ").match_all);
  EXPECT_TRUE(ParseQuery(a, "? ! ,").match_all);
  EXPECT_FALSE(ParseQuery(a, "de la").match_all);
}

TEST(QueryParser, QuestionWordsAreNotRequiredAndAdjacentWordsBoost) {
  Analyzer a;
  // "quelles" and "comment" go like stopwords; alone, they stay the query.
  EXPECT_EQ(ParseQuery(a, "quelles communes belges").positive_clauses, 2u);
  EXPECT_EQ(ParseQuery(a, "comment").positive_clauses, 1u);
  // Two adjacent words: their exact forms weigh again where their shingle is, and their exact
  // run as a term, without changing the query; a question gets no boost, long or short.
  EXPECT_EQ(ParseQuery(a, "equipements publics").boost.get_description(),
            "Query(((2 * (equipements AND publics) FILTER XWequipements publics) OR "
            "1 * XVequipements publics))");
  EXPECT_EQ(ParseQuery(a, "gestion des déchets").boost.get_description(),
            "Query(((2 * gestion FILTER XWgestion des) OR (2 * dechets FILTER XWdes dechets)))");
  EXPECT_TRUE(ParseQuery(a, "quelles communes belges coopèrent avec des communes marocaines ?")
                  .boost.empty());
  EXPECT_TRUE(ParseQuery(a, "quels projets aident les femmes ?").boost.empty());
  EXPECT_TRUE(ParseQuery(a, "tannerie").boost.empty());
}

// ParseOptions::indexed: the terms no document has are left out of the exact-form bonus and of
// the proximity boosts, never out of what a record must match; without any exact form the word
// is its stem alone.
TEST(QueryParser, TermsNoDocumentHasAreLeftOutOfTheBonuses) {
  Analyzer a;
  const std::set<std::string> index_terms = {"eau", "potable", "XWeau potable"};
  const ParseOptions options{
      .indexed = [&](const std::string& t) { return index_terms.count(t) > 0; }};
  const ParsedQuery q = ParseQuery(a, "eau potable", options);
  EXPECT_EQ(q.query.get_description(),
            "Query(((Zeau AND_MAYBE 0.25 * eau) AND (Zpotabl AND_MAYBE 0.25 * potable)))");
  EXPECT_EQ(q.boost.get_description(), "Query((2 * (eau AND potable) FILTER XWeau potable))");
  EXPECT_EQ(ParseQuery(a, "tannerie", options).query.get_description(), "Query(Ztanner)");
  // Highlighting still knows the word as typed.
  EXPECT_TRUE(ParseQuery(a, "tannerie", options).highlight.terms.count("tannerie"));
  // A boost none of whose shingles is indexed is left out.
  EXPECT_TRUE(ParseQuery(a, "eau tannerie", options).boost.empty());
  EXPECT_FALSE(ParseQuery(a, "eau tannerie").boost.empty());
}

TEST(QueryParser, HighlightTermsAndRequiredClauses) {
  Analyzer a;
  // The synonym's long form and the whole compound are highlighted.
  EXPECT_TRUE(ParseQuery(a, "GIZ").highlight.terms.count("zusammenarbeit"));
  EXPECT_TRUE(ParseQuery(a, "Aix-en-Provence").highlight.terms.count("aix-en-provence"));
  // Filters are not counted as required word clauses (the relaxed retry needs two or more).
  EXPECT_EQ(Parse(a, "eau city:Agadir", Call::kFields).positive_clauses, 1u);
}

struct BadQuery {
  std::string text;
  std::string message;  // exact QueryError::what(), shown to the user
  Call call = Call::kPlain;
};

const std::vector<BadQuery> kBadQueries = {
    {"\"eau et", "unbalanced quote in query"},
    {"(eau", "unbalanced parenthesis in query"},
    {"eau)", "unbalanced parenthesis in query"},
    {"eau OR", "OR needs a term on each side"},
    {"caf\xC3", "query is not valid UTF-8"},
    {"city:\"Agadir", "unbalanced quote in query", Call::kFields},
    {std::string(10000, 'a'), "query too long: 10000 bytes, at most 1000 allowed"},
};

TEST(QueryParser, BadQueriesAreClearErrors) {
  Analyzer a;
  for (const BadQuery& b : kBadQueries) {
    try {
      const ParsedQuery parsed = Parse(a, b.text, b.call);
      ADD_FAILURE() << b.text.substr(0, 40) << " parsed to " << parsed.query.get_description();
    } catch (const QueryError& e) {
      EXPECT_EQ(std::string(e.what()), b.message) << b.text.substr(0, 40);
    }
  }
}

}  // namespace
}  // namespace coop
