// MatchingDocids (posting-list counting) against Xapian's own matcher, on the real corpus: for
// each query the search parser produces, the record docids must be exactly those an exhaustive
// Xapian match returns, or the query must be declined (phrases, wildcards).
#include "coop/record_set.h"

#include <gtest/gtest.h>

#include "coop/analyzer.h"
#include "coop/index_builder.h"
#include "coop/index_handle.h"
#include "coop/query_parser.h"
#include "coop/schema.h"
#include "test_util.h"

namespace coop {
namespace {

std::vector<Xapian::docid> XapianMatches(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  std::vector<Xapian::docid> out;
  const Xapian::MSet m = enquire.get_mset(0, db.get_doccount());
  for (auto it = m.begin(); it != m.end(); ++it) {
    if (*it < schema::kPassageDocidBase) out.push_back(*it);
  }
  return out;
}

TEST(RecordSetTest, SameRecordsAsXapiansMatcher) {
  testing::TempDir dir;
  BuildIndex(testing::CorpusDir(), dir.path() + "/index", nullptr);
  const Xapian::Database db = OpenIndex(dir.path() + "/index");
  Analyzer analyzer;
  const FieldPrefixes fields{{"city", std::string(schema::kCity)}};
  std::size_t declined = 0, compared = 0;
  for (const char* text :
       {"eau", "tannerie", "l'eau potable", "jumelages Safi", "eau -maroc", "Fes OR Meknes",
        "quelles communes belges cooperent avec des communes marocaines", "Al Hoceïma",
        "\"eau potable\"", "tann*", "city:Agadir", "developpement rural artisanat"}) {
    for (Xapian::Query::op op : {Xapian::Query::OP_AND, Xapian::Query::OP_OR}) {
      const ParsedQuery pq = ParseQuery(analyzer, text, op, fields);
      std::vector<Xapian::docid> ours;
      if (!MatchingDocids(db, pq.query, schema::kPassageDocidBase, ours)) {
        ++declined;
        continue;
      }
      const std::vector<Xapian::docid> expected = XapianMatches(db, pq.query);
      if (op == Xapian::Query::OP_OR) {
        EXPECT_FALSE(expected.empty()) << text;
      }
      EXPECT_EQ(ours, expected) << text << " " << pq.query.get_description();
      ++compared;
    }
  }
  EXPECT_GE(compared, 18u);  // phrases and wildcards are declined; everything else is counted
  EXPECT_GE(declined, 2u);
  std::vector<Xapian::docid> all;
  ASSERT_TRUE(MatchingDocids(db, Xapian::Query::MatchAll, schema::kPassageDocidBase, all));
  EXPECT_EQ(all, XapianMatches(db, Xapian::Query::MatchAll));
}

}  // namespace
}  // namespace coop
