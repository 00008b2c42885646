// The /api/search query language: structure of parsed queries and clear errors for bad ones.
#include "coop/query_parser.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace coop
