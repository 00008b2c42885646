// The /api/search query language: structure of parsed queries and clear errors for bad ones.
#include "coop/query_parser.h"

#include <gtest/gtest.h>

#include "coop/region_names.h"
#include "coop/schema.h"

namespace coop {
namespace {

std::string Describe(Analyzer& a, const std::string& q) {
  return ParseQuery(a, q).query.get_description();
}

TEST(QueryParser, EmptyAndPunctuationBrowse) {
  Analyzer a;
  EXPECT_TRUE(ParseQuery(a, "").match_all);
  EXPECT_TRUE(ParseQuery(a, "   ").match_all);
  EXPECT_TRUE(ParseQuery(a, "? ! ,").match_all);
}

TEST(QueryParser, WordsAreFoldedStemmedAndRequired) {
  Analyzer a;
  const std::string d = Describe(a, "Équipements PUBLICS");
  EXPECT_NE(d.find("equipements"), std::string::npos) << d;
  EXPECT_NE(d.find("Zequip"), std::string::npos) << d;
  EXPECT_NE(d.find(" AND "), std::string::npos) << d;
  // Accent-free and accented typing give the same query.
  EXPECT_EQ(Describe(a, "equipements publics"), d);
}

TEST(QueryParser, StopwordsDroppedUnlessAlone) {
  Analyzer a;
  EXPECT_EQ(Describe(a, "la tannerie"), Describe(a, "tannerie"));
  EXPECT_FALSE(ParseQuery(a, "de la").match_all);
}

TEST(QueryParser, ElisionWithEitherApostrophe) {
  Analyzer a;
  EXPECT_EQ(Describe(a, "l’eau"), Describe(a, "eau"));
  EXPECT_EQ(Describe(a, "d'assainissement"), Describe(a, "assainissement"));
}

TEST(QueryParser, PhrasesExclusionsOrPrefix) {
  Analyzer a;
  EXPECT_NE(Describe(a, "\"eau et assainissement\"").find("PHRASE 3"), std::string::npos);
  EXPECT_NE(Describe(a, "Aix-en-Provence").find("PHRASE 3"), std::string::npos);
  EXPECT_NE(Describe(a, "eau -potable").find("AND_NOT"), std::string::npos);
  EXPECT_NE(Describe(a, "Agadir OR Oujda").find(" OR "), std::string::npos);
  EXPECT_NE(Describe(a, "tann*").find("WILDCARD"), std::string::npos);
  EXPECT_NE(Describe(a, "(Agadir OR Oujda) eau").find(" AND "), std::string::npos);
}

// The filter fields the Searcher passes (prefixes of indexer/include/coop/schema.h).
const FieldPrefixes kFields = {{"city", std::string(schema::kCity)},
                               {"region", std::string(schema::kRegion)},
                               {"actor", std::string(schema::kActor)},
                               {"year", std::string(schema::kYear)}};

std::string Fields(Analyzer& a, const std::string& q,
                   Xapian::Query::op op = Xapian::Query::OP_AND) {
  return ParseQuery(a, q, op, kFields).query.get_description();
}

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(QueryParser, SpellingVariantsGiveTheSameQuery) {
  Analyzer a;
  EXPECT_EQ(Describe(a, "Taroudannt"), Describe(a, "Taroudant"));
  EXPECT_EQ(Describe(a, "Fez"), Describe(a, "Fès"));
  EXPECT_EQ(Describe(a, "Fes"), Describe(a, "FÈS"));
  EXPECT_EQ(Describe(a, "Meknes"), Describe(a, "Meknès"));
  EXPECT_EQ(Describe(a, "Tetouan"), Describe(a, "Tétouan"));
  EXPECT_TRUE(Has(Describe(a, "El Jedida"), "jadida"));
}

TEST(QueryParser, SynonymsAndAcronymsExpandToPhrases) {
  Analyzer a;
  const ParsedQuery giz = ParseQuery(a, "GIZ");
  const std::string d = giz.query.get_description();
  EXPECT_TRUE(Has(d, "giz")) << d;
  EXPECT_TRUE(Has(d, "PHRASE 5")) << d;  // Deutsche Gesellschaft für Internationale Zusammenarbeit
  EXPECT_TRUE(giz.highlight.terms.count("zusammenarbeit"));
  // Two free words that spell an alternative; a quoted alternative; the long form.
  EXPECT_TRUE(Has(Describe(a, "Junta Andalucia"), "(junta PHRASE 3 de PHRASE 3 andalucia)"))
      << Describe(a, "Junta Andalucia");
  EXPECT_TRUE(Has(Describe(a, "\"Junta de Andalucía\""), "(junta PHRASE 2 andalucia)"));
  EXPECT_TRUE(Has(Describe(a, "Brulocalis"), "avcb"));
  EXPECT_TRUE(Has(Describe(a, "Cités Unies France"), "cuf"));
  EXPECT_TRUE(Has(Describe(a, "Sous Massa Draa"), "(souss PHRASE 3 massa PHRASE 3 draa)"));
  // Other words of the query stay required next to the synonym clause.
  EXPECT_TRUE(Has(Describe(a, "GIZ Taroudant"), "taroudant"));
  EXPECT_FALSE(Has(Describe(a, "Junta"), "PHRASE"));
}

TEST(QueryParser, HyphenatedWordsMatchWholeOrParts) {
  Analyzer a;
  const std::string d = Describe(a, "Aix-en-Provence");
  EXPECT_TRUE(Has(d, "aix-en-provence")) << d;
  EXPECT_TRUE(Has(d, "PHRASE 3")) << d;
  EXPECT_EQ(Describe(a, "aix-en-provence"), d);
  // Spaces instead of hyphens: the parts, each required.
  EXPECT_TRUE(Has(Describe(a, "Aix en Provence"), "provence"));
  EXPECT_TRUE(ParseQuery(a, "Aix-en-Provence").highlight.terms.count("aix-en-provence"));
  EXPECT_TRUE(Has(Describe(a, "2017-2021"), "2017-2021"));
}

TEST(QueryParser, NumbersAndSplitWordsAsIndexed) {
  Analyzer a;
  EXPECT_EQ(Describe(a, "2 032 800"), Describe(a, "2032800"));
  EXPECT_TRUE(Has(Describe(a, "2 032 800 Dhs"), "2032800"));
  EXPECT_EQ(Describe(a, "1.409.749,55"), "Query(1409749,55)");
  EXPECT_EQ(Describe(a, "385.767,95"), Describe(a, "385767,95"));
  EXPECT_EQ(Describe(a, "Es pagne"), Describe(a, "Espagne"));
}

TEST(QueryParser, FieldValuesBecomeUnweightedFilters) {
  Analyzer a;
  const std::string d = Fields(a, "eau city:Agadir");
  EXPECT_TRUE(Has(d, "FILTER")) << d;
  EXPECT_TRUE(Has(d, "XCIagadir")) << d;
  EXPECT_EQ(ParseQuery(a, "eau city:Agadir", Xapian::Query::OP_AND, kFields).positive_clauses, 1u);
  EXPECT_TRUE(Has(Fields(a, "region:\"Souss Massa Drâa\""), "XRGsouss massa draa"));
  EXPECT_TRUE(Has(Fields(a, "City:FÈS"), "XCIfes"));
  EXPECT_TRUE(Has(Fields(a, "eau -city:Agadir"), "AND_NOT"));
  const std::string either = Fields(a, "(city:Agadir OR city:Oujda) year:2005");
  EXPECT_TRUE(Has(either, "XCIagadir OR XCIoujda")) << either;
  EXPECT_TRUE(Has(either, "XYE2005")) << either;
  // The relaxed "any word" retry keeps filters required.
  EXPECT_TRUE(Has(Fields(a, "eau tannerie city:Agadir", Xapian::Query::OP_OR), "FILTER"));
  // Unknown fields and the 3-argument call read "x:y" as words.
  EXPECT_FALSE(Has(Fields(a, "domain:eau"), "XDO"));
  EXPECT_FALSE(Has(Describe(a, "city:Agadir"), "XCI"));
  EXPECT_TRUE(Has(Describe(a, "city:Agadir"), "agadir"));
  EXPECT_THROW(ParseQuery(a, "city:\"Agadir", Xapian::Query::OP_AND, kFields), QueryError);
}

TEST(QueryParser, BadQueriesAreClearErrors) {
  Analyzer a;
  EXPECT_THROW(ParseQuery(a, "\"eau et"), QueryError);
  EXPECT_THROW(ParseQuery(a, "(eau"), QueryError);
  EXPECT_THROW(ParseQuery(a, "eau)"), QueryError);
  EXPECT_THROW(ParseQuery(a, "eau OR"), QueryError);
  EXPECT_THROW(ParseQuery(a, "caf\xC3"), QueryError);
  EXPECT_THROW(ParseQuery(a, std::string(10000, 'a')), QueryError);
  try {
    ParseQuery(a, std::string(10000, 'a'));
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("too long"), std::string::npos);
  }
}

TEST(QueryParser, RegionNamesAlsoMatchTheirFacetTerm) {
  // Gazetteer regions (corpus/data/gazetteer.csv), spelled out by the free words, add their
  // region facet term as an unweighted alternative; a city inside a region's name does not.
  Analyzer a;
  const std::vector<PlaceName> regions = RegionNames(ReferenceData::Embedded(), a);
  const auto describe = [&](const std::string& q) {
    return ParseQuery(a, q, Xapian::Query::OP_AND, {}, {}, &regions).query.get_description();
  };
  EXPECT_NE(describe("région de l'Oriental").find("0 * XRGoriental"), std::string::npos)
      << describe("région de l'Oriental");
  EXPECT_NE(describe("Souss-Massa").find("XRGsouss-massa"), std::string::npos);
  EXPECT_NE(describe("souss massa tourisme").find("XRGsouss-massa"), std::string::npos);
  EXPECT_EQ(describe("souss massa tourisme").find("XRGsouss-massa-draa"), std::string::npos);
  EXPECT_EQ(describe("Fès").find("XRG"), std::string::npos);  // not "Fès-Meknès"
  EXPECT_EQ(describe("Marrakech").find("XRG"), std::string::npos);
  EXPECT_EQ(describe("-Oriental eau").find("XRG"), std::string::npos);  // exclusions stay text
  EXPECT_EQ(ParseQuery(a, "Oriental").query.get_description().find("XRG"), std::string::npos);
  // The longest name wins: Souss-Massa-Drâa (1997), not Souss-Massa (2015).
  const std::string draa = describe("Souss Massa Drâa");
  EXPECT_NE(draa.find("XRGsouss-massa-draa"), std::string::npos) << draa;
  EXPECT_EQ(draa.find("XRGsouss-massa)"), std::string::npos) << draa;
}

}  // namespace
}  // namespace coop
