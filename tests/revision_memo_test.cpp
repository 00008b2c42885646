// The per-revision memos of searchd (searchd/src/exec/string_memo.h, index_revision.h) on the
// index of the real corpus: a kept value is the value read, and a budget bounds what is kept.
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

#include "coop/index_reader.h"
#include "coop/schema.h"
#include "corpus_index.h"
#include "exec/index_revision.h"
#include "exec/string_memo.h"

namespace coop {
namespace {

class RevisionMemoTest : public testing::CorpusIndexTest {};

TEST_F(RevisionMemoTest, EveryPassageValueIsTheStoredOneReadOrKept) {
  const Xapian::Database db = OpenIndex(Index());
  const exec::IndexRevision revision(db);
  std::size_t passages = 0;
  for (int round = 0; round < 2; ++round) {  // read and kept, then kept
    for (Xapian::docid did = schema::kPassageDocidBase; did <= db.get_lastdocid(); ++did) {
      const std::string stored =
          db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotPassage);
      ASSERT_EQ(revision.PassageValue(db, did), stored) << did;
      passages += round == 0 && !stored.empty();
    }
  }
  EXPECT_EQ(passages, Report().passages);
}

TEST(BudgetedStringMemo, KeepsTheFirstValuesUpToItsBudgetThenMakesEachTime) {
  // Each value costs its size plus a std::string: room for two of these, not three.
  const std::string value(100, 'x');
  exec::BudgetedStringMemo memo(3, 2 * (value.size() + sizeof(std::string)));
  int makes = 0;
  const auto make = [&] {
    ++makes;
    return value;
  };
  for (int round = 0; round < 3; ++round) {
    for (std::uint32_t id = 0; id < 3; ++id) EXPECT_EQ(memo.Get(id, make), value);
  }
  EXPECT_EQ(makes, 2 + 3);  // ids 0 and 1 once; id 2, past the budget, on every call
}

}  // namespace
}  // namespace coop
